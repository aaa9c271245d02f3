package dev.tikhonov.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.DirectMemory;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Building a network checks memory from the widths before allocating: a layer beyond one
 * matrix's 2 GiB or parameters beyond the free direct memory are one-line InputExceptions that
 * name the layer sizes, the bytes needed and what is available. The shortage cases run in a
 * child JVM with a 64 MB direct-memory limit, so they are real shortages, not mocks.
 */
class ArchitectureMemoryTest {
  @Test
  void parameterBytes_isValueAndGradientOfEveryWeightAndBias() {
    Architecture a = Architecture.mlp(0, 3);
    // 4→3→2: weights 12 + 6, biases 3 + 2, each float twice (value, gradient)
    assertEquals(8L * (12 + 3 + 6 + 2), a.parameterBytes(4, 2));
    Sequential net = a.build(4, 2, Initializer.he(), new Rng(1), new Rng(2));
    long held = 0;
    for (Parameter p : net.parameters()) {
      held += 4L * (p.value().size() + p.gradient().size());
    }
    assertEquals(held, a.parameterBytes(4, 2));
  }

  /** `--model mlp:30000,30000` on MNIST: the middle weight alone is 3.6 GB. */
  @Test
  void build_layerBeyondOneMatrix_namesItBeforeAllocating() {
    long before = DirectMemory.reserved();
    InputException e = assertThrows(InputException.class, () -> Architecture.mlp(0, 30000, 30000)
        .build(784, 10, Initializer.pytorchDefault(), new Rng(1), new Rng(2)));
    assertTrue(e.getMessage().matches("model 784-30000-30000-10: layer 2 \\(30000x30000 weights\\)"
        + " needs 3600000000 bytes \\(3\\.6 GB\\) in one float32 matrix; a matrix holds at most"
        + " 2147483647 bytes \\(2 GiB, a direct buffer's limit\\)\\. All parameters with their"
        + " gradients would need 7\\.4 GB; [0-9.]+ [kMGT]?B of direct memory are available"),
        e.getMessage());
    assertTrue(DirectMemory.reserved() - before < 1 << 20, "nothing large allocated");
  }

  @Test
  void build_parametersBeyondTheFreeDirectMemory_namesNeedAndAvailable() {
    List<Integer> hidden = new ArrayList<>(Collections.nCopies(64, 20000));
    InputException e = assertThrows(InputException.class, () -> new Architecture(hidden, 0)
        .build(20000, 10, Initializer.zeros(), new Rng(1), new Rng(2)));
    assertTrue(e.getMessage().startsWith("model 20000-20000-"), e.getMessage());
    assertTrue(e.getMessage().contains("-20000-10 needs 204811840080 bytes (204.8 GB) of direct"
        + " memory for its weights, biases and their gradients, but "), e.getMessage());
    assertTrue(e.getMessage().contains(" are available (the JVM's direct-memory limit is "),
        e.getMessage());
  }

  @Test
  void matrix_beyondTwoGiB_saysSoWithoutBlamingTheData() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Matrix.zeros(30000, 30000));
    assertEquals("a 30000x30000 float32 matrix needs 3600000000 bytes; one matrix holds at most"
        + " 2147483647 bytes (2 GiB, a direct buffer's limit)", e.getMessage());
  }

  /** In a JVM with -XX:MaxDirectMemorySize=64m: the limit is read, and shortages are named. */
  @Test
  void childJvmWith64MegabytesOfDirectMemory_reportsRealShortages() throws Exception {
    String out = child(MemoryProbe.class, "-XX:MaxDirectMemorySize=64m");
    List<String> lines = out.lines().toList();
    assertEquals("limit 67108864", lines.get(0), out);
    // mlp:4096 on 4096 inputs: 2·4·(4096² + 4096 + 4096·10 + 10) = 134,578,256 bytes > 64 MiB
    assertTrue(lines.get(1).matches("build: model 4096-4096-10 needs 134578256 bytes \\(134\\.6 MB\\)"
        + " of direct memory for its weights, biases and their gradients, but [0-9.]+ [kM]B are"
        + " available \\(the JVM's direct-memory limit is 67\\.1 MB, -XX:MaxDirectMemorySize, by"
        + " default the heap limit -Xmx; [0-9.]+ ([kM]B|bytes) in use; physical memory .*\\)"),
        out);
    // a small network whose first forward pass over 200,000 rows needs 800 MB of activations
    assertTrue(lines.get(2).matches("forward: a mini-batch of 200000 rows through a layer of 1000"
        + " units needs 800\\.0 MB of direct memory for one activation buffer, but [0-9.]+"
        + " ([kM]B|bytes) are available \\(limit 67\\.1 MB, [0-9.]+ ([kM]B|bytes) in use\\); use a"
        + " smaller batch or narrower layers"), out);
    // memory full before a 4 kB buffer: a smaller batch would change nothing (it said to use one)
    assertTrue(lines.get(3).matches("full: a mini-batch of 64 rows through a layer of 16 units"
        + " needs 4\\.1 kB of direct memory for one activation buffer, but [0-9.]+ ([kM]B|bytes)"
        + " are available \\(limit 67\\.1 MB, [0-9.]+ ([kM]B|bytes) in use\\); the memory was"
        + " nearly all taken before this small buffer, so a smaller batch would not help: give the"
        + " JVM more memory \\(-Xmx<size>, which also sets the direct-memory limit unless"
        + " -XX:MaxDirectMemorySize does\\)"), out);
  }

  /** Runs {@code main} of {@code probe} in a new JVM with the test classpath; its stdout. */
  static String child(Class<?> probe, String... jvmOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(probe.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  /** The child: prints the limit it sees and the message of each shortage, one per line. */
  static final class MemoryProbe {
    public static void main(String[] args) {
      System.out.println("limit " + DirectMemory.limit());
      try {
        Architecture.mlp(0, 4096).build(4096, 10, Initializer.zeros(), new Rng(1), new Rng(2));
        System.out.println("build: no exception");
      } catch (InputException e) {
        System.out.println("build: " + e.getMessage());
      }
      try {
        Sequential net = Architecture.mlp(0, 1000).build(2, 1, Initializer.zeros(), new Rng(1),
            new Rng(2));
        net.forward(Matrix.zeros(200_000, 2), Layer.Mode.TRAIN);
        System.out.println("forward: no exception");
      } catch (InputException e) {
        System.out.println("forward: " + e.getMessage());
      }
      // Memory already full (as under -Xmx32m, where the data and parameters take it all): a
      // small network's first activation buffer, 64 rows × 16 units (4 kB), does not fit.
      Sequential small = Architecture.mlp(0, 16).build(2, 1, Initializer.zeros(), new Rng(1),
          new Rng(2));
      Matrix x = Matrix.zeros(64, 2);
      List<Matrix> filler = new ArrayList<>();
      for (int[] shape : new int[][] {{256, 1024}, {16, 16}}) {
        try {
          while (true) {
            filler.add(Matrix.zeros(shape[0], shape[1]));
          }
        } catch (OutOfMemoryError e) {
          // this size is full; go on with the smaller one
        }
      }
      try {
        small.forward(x, Layer.Mode.TRAIN);
        System.out.println("full: no exception");
      } catch (InputException e) {
        System.out.println("full: " + e.getMessage());
      }
      System.out.println("filled " + filler.size());
    }
  }
}
