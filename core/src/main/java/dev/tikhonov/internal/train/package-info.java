/**
 * Not API. The random generators of one training run, split from its seed in a fixed order
 * ({@code RandomStreams}), which the trainer and the estimators' fits share.
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.train;
