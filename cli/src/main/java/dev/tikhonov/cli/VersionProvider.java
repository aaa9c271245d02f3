package dev.tikhonov.cli;

import dev.tikhonov.tensor.Blas;
import picocli.CommandLine;

/** Prints the tikhonov version, the JVM, the BLAS and the single-threaded SGEMM in use. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "tikhonov " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
          + ")",
      "BLAS " + Blas.describe(),
      "SGEMM on one thread: " + Blas.describeSingleThreadedSgemm()
    };
  }
}
