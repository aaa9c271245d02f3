/**
 * Not API. Helpers of the {@code estimate} layer that tikhonov's front ends share:
 * {@code LambdaChoice}, the {@code --save-lambda} vocabulary of {@code ./tikhonov path} and the
 * {@code spark} module's {@code PathJob}.
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.estimate;
