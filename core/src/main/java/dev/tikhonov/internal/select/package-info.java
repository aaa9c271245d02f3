/**
 * Not API. The files of a path run, {@code path.json} and {@code path.csv} ({@code PathFiles},
 * docs/formats.md), which the CLI, the ridge-vs-lasso experiment and the {@code spark} module's
 * {@code PathJob} write alike, and which λ a long printed table shows ({@code LambdaRows}).
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.select;
