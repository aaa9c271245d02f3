/**
 * Not API. Atomic file writing ({@code AtomicFiles}), the project's JSON mapper ({@code Json}), the
 * library version for provenance ({@code LibraryVersion}) and the rule that tells a data file's
 * format from its path ({@code DataFormat}), for the {@code data} layer and the modules above it.
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.data;
