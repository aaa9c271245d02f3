/**
 * Not API. The JVM's direct-memory accounting ({@code DirectMemory}) that {@code Matrix} and the
 * size checks before large allocations use.
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.tensor;
