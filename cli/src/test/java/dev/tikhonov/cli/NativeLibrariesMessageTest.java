package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A native library that fails to load is blamed on OpenBLAS and oneDNN only when it is theirs:
 * any UnsatisfiedLinkError was, so a slim system without libfreetype (the JDK's font code, when
 * a report draws its charts) read "cannot load the bundled native libraries (OpenBLAS, oneDNN)".
 */
class NativeLibrariesMessageTest {
  @Test
  void theJdksOwnLibrary_isNotCalledOpenBlas() {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError(
        "/usr/lib/jvm/java-17/lib/libfontmanager.so: libfreetype.so.6: cannot open shared object"
        + " file: No such file or directory");
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("sun.font.FontManagerNativeLibrary", "<clinit>", null, 1)});
    String message = Main.nativeLibraries(new RuntimeException(e)).orElseThrow();
    assertFalse(message.contains("OpenBLAS"), message);
    assertTrue(message.contains("libfreetype.so.6"), message);
  }

  @Test
  void bytedecosLibrary_isCalledByItsName() {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path");
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("org.bytedeco.javacpp.Loader", "loadLibrary", null, 1)});
    String message = Main.nativeLibraries(e).orElseThrow();
    assertTrue(message.contains("OpenBLAS, oneDNN"), message);
  }
}
