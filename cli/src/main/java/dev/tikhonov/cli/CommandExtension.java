package dev.tikhonov.cli;

/**
 * A subcommand that another module adds to {@code tikhonov} when its jar is on the class path:
 * {@link Main#commandLine()} finds implementations through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.tikhonov.cli.CommandExtension}) and adds each as a subcommand
 * under the name its picocli {@code @Command} annotation gives, with the same error handling and
 * exit codes as the built-in commands. The bench module's {@code bench} command arrives this
 * way: the {@code tikhonov} launcher puts the bench jar next to the CLI jar, while the CLI jar
 * alone has no benchmark code.
 *
 * <p>An implementation is a picocli command class (annotated with {@code @Command}) with a
 * public no-argument constructor. Not thread-safe (a command object serves one invocation).
 */
public interface CommandExtension {}
