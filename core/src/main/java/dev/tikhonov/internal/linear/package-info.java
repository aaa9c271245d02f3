/**
 * Not API. The elastic-net optimality (KKT) and centering rules ({@code ElasticNetPenalty}) that
 * the {@code linear} solvers and the {@code spark} module's distributed IRLS must compute alike.
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.linear;
