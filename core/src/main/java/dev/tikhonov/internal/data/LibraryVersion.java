package dev.tikhonov.internal.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * tikhonov's version, one lookup for model files, provenance and run.json. Thread-safe: the version
 * is looked up once, in the class initializer, and kept in a final field.
 */
public final class LibraryVersion {
  private static final String VERSION = lookUp();

  private LibraryVersion() {}

  /** The jar's Maven version (e.g. "0.1.0-SNAPSHOT"), or "development" when run from classes. */
  public static String current() {
    return VERSION;
  }

  private static String lookUp() {
    try (InputStream in = LibraryVersion.class.getResourceAsStream(
        "/META-INF/maven/dev.tikhonov/tikhonov-core/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall back to the manifest below
    }
    String v = LibraryVersion.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
