package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /**
   * Under an address-space limit (ulimit -v, a cluster's per-job memory limit) the libraries
   * cannot be mapped, and JavaCPP says only "no jniopenblas_nolapack in java.library.path": the
   * limit is named, with how much it is and how to raise it; without a limit the message stays.
   */
  @Test
  void underAnAddressSpaceLimit_namesTheLimit() {
    String limits = "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max stack size            8388608              unlimited            bytes\n"
        + "Max address space         5120000000           unlimited            bytes\n";
    assertEquals(java.util.Optional.of("the address space of this process is limited to 5.1 GB"
        + " (ulimit -v 5000000), too little to map them; raise it with ulimit -v unlimited, or"
        + " to at least 8 GB (ulimit -v 8388608)"), Main.addressSpaceLimit(limits));
    assertEquals(java.util.Optional.empty(), Main.addressSpaceLimit(limits.replace(
        "5120000000          ", "unlimited           ")));
    assertEquals(java.util.Optional.empty(), Main.addressSpaceLimit(""));
  }
}
