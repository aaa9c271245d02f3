package dev.tikhonov.data;

/**
 * A buffer that did not fit in the memory the JVM has ({@link OutOfMemoryError} as its cause),
 * with what relieves it: smaller buffers ({@link Relief#SMALLER_BUFFERS}: a smaller batch or
 * narrower layers) or a larger JVM ({@link Relief#MORE_JVM_MEMORY}: the memory was nearly all
 * taken before a small buffer). The message names the JVM's own option, {@code -Xmx<size>}; a
 * program that starts the JVM its own way (the CLI's {@code TIKHONOV_JAVA_OPTS}) words it with
 * {@link #message(String)}, from {@link #problem()} and {@link #relief()}, and never rewrites
 * this one. Immutable.
 */
public final class MemoryShortageException extends InputException {
  /** The JVM option that sets its memory, as the library's message names it. */
  public static final String JVM_OPTION = "-Xmx<size>";

  /** What relieves the shortage. Thread-safe, as enum constants are. */
  public enum Relief {
    /** The buffers are a large part of the limit: a smaller batch or narrower layers. */
    SMALLER_BUFFERS,
    /** The memory was nearly all taken before a small buffer: only more memory helps. */
    MORE_JVM_MEMORY
  }

  private final String problem;
  private final Relief relief;

  /**
   * @param problem which buffer needed how much, and what was available, without a remedy
   * @param relief what relieves it
   * @param cause the JVM's error
   */
  public MemoryShortageException(String problem, Relief relief, OutOfMemoryError cause) {
    super(message(problem, relief, JVM_OPTION), cause);
    this.problem = problem;
    this.relief = java.util.Objects.requireNonNull(relief, "relief");
  }

  /** Which buffer needed how much, and what was available: the message without the remedy. */
  public String problem() {
    return problem;
  }

  /** What relieves the shortage. */
  public Relief relief() {
    return relief;
  }

  /**
   * The message with {@code jvmOption} as the way to give the JVM more memory (the library's is
   * {@link #JVM_OPTION}); the same as {@link #getMessage()} for {@link Relief#SMALLER_BUFFERS}.
   */
  public String message(String jvmOption) {
    return message(problem, relief, jvmOption);
  }

  private static String message(String problem, Relief relief, String jvmOption) {
    return problem + "; " + switch (relief) {
      case SMALLER_BUFFERS -> "use a smaller batch or narrower layers";
      case MORE_JVM_MEMORY -> "the memory was nearly all taken before this small buffer, so a"
          + " smaller batch would not help: give the JVM more memory (" + jvmOption
          + ", which also sets the direct-memory limit unless -XX:MaxDirectMemorySize does)";
    };
  }
}
