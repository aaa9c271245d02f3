/**
 * Not API. The model files behind {@code Predictor.load} and a model's {@code save}: the network
 * and the linear model file ({@code ModelFile}, {@code LinearModelFile}), the safetensors reader
 * and writer ({@code SafeTensors}, {@code ByteSource}) and the validation of headers and numbers
 * ({@code JsonFields}, {@code ModelNumbers}, {@code FileLimits}), which the {@code io} layer's
 * checkpoints share.
 *
 * <p>The packages under {@code dev.tikhonov.internal} hold helpers that are public only because
 * tikhonov's own modules (core, cli, bench, spark) use them across packages. They are not part of
 * tikhonov's API, are left out of the published javadoc, and may change or disappear in any
 * release without notice. Use the API packages instead (docs/java.md).
 */
package dev.tikhonov.internal.io;
