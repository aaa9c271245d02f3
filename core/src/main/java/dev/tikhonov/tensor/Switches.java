package dev.tikhonov.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The system properties that switch an implementation choice for measurement (A/B runs,
 * per-phase profiles), and the values each one takes. Each switch is read where it acts; this
 * class only knows their names and values, so that a front end can refuse a misspelt value
 * instead of silently running the default: {@code -Dtikhonov.sgemm=OpenBLAS} would otherwise
 * measure oneDNN and call it OpenBLAS. Stateless; thread-safe.
 */
public final class Switches {
  /**
   * A switch: its system property, the values it takes (the default first), what it does.
   * Immutable (the values are copied), so thread-safe.
   *
   * @param property the system property's name, "tikhonov.sgemm"
   * @param values the values it takes, the default first
   * @param meaning what it switches, in a few words for a usage message
   */

  public record Switch(String property, List<String> values, String meaning) {
    public Switch {
      values = List.copyOf(values);
    }
  }

  /** Every switch, by property name. */
  public static final List<Switch> ALL = List.of(
      new Switch("tikhonov.sgemm", List.of("onednn", "openblas"),
          "which library runs the products of one thread; oneDNN only when it loads"),
      new Switch("tikhonov.profile", List.of("false", "true", "cpu"),
          "per-phase timers of the data-parallel training step, in wall or thread CPU time"),
      new Switch("tikhonov.step", List.of("auto", "parts", "blas"),
          "the multi-threaded training step: data-parallel parts where each has enough work "
              + "(else one thread), data-parallel parts whatever their work, or the whole batch "
              + "on the BLAS's own threads"),
      new Switch("tikhonov.step.first", List.of("auto", "inputs", "rows"),
          "how the data-parallel step splits a first Dense layer among the threads: by its "
              + "inputs when they are more than twice the batch's rows, else by rows; always by "
              + "its inputs for the whole batch; or always by the batch's rows like the other "
              + "layers"),
      new Switch("tikhonov.step.wait", List.of("yield", "spin"),
          "how the data-parallel step's threads wait for one another: spin briefly, then "
              + "yield the core, then nap; or spin 0.5 ms, then nap"),
      new Switch("tikhonov.optimizer.fused", List.of("true", "false"),
          "the one-pass update of the SGD family, Adam and RMSprop, or their chains of "
              + "transforms one by one"));

  private Switches() {}

  /**
   * One message for each switch set to a value it does not take, in {@link #ALL}'s order, e.g.
   * {@code "system property tikhonov.sgemm=OpenBLAS: expected onednn or openblas (which
   * library runs ...)"}; empty when every switch is unset or valid.
   */
  public static List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Switch s : ALL) {
      String value = System.getProperty(s.property());
      if (value != null && !s.values().contains(value)) {
        List<String> values = s.values();
        String expected = values.size() == 2 ? values.get(0) + " or " + values.get(1)
            : String.join(", ", values.subList(0, values.size() - 1)) + " or "
                + values.get(values.size() - 1);
        problems.add("system property " + s.property() + "=" + value + ": expected " + expected
            + " (" + s.meaning() + ")");
      }
    }
    return List.copyOf(problems);
  }
}
