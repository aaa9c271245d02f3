package dev.tikhonov.internal.nn;

import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Dropout;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.ReLU;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Transpose;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Data-parallel training of a {@link Sequential} of Dense, ReLU and Dropout layers on T threads
 * without replicas: the activations and back-propagated gradients of a whole batch live in
 * buffers shared by the threads, each part forwards and back-propagates its own rows, and then
 * each thread computes a row block of every weight gradient from the whole batch:
 *
 * <pre>
 *   part t, rows B_t:  a_{i+1}[B_t] = f_i(a_i[B_t]);   g_i[B_t] = f_i'ᵀ g_{i+1}[B_t]
 *   then thread t:     ∂J/∂W_i[R_t, :] = a_i[:, R_t]ᵀ · g_{i+1}     (R_t: row block t of W_i)
 *                      ∂J/∂b_i = Σ_t Σ_{B_t} g_{i+1}   (each part sums its rows, in double)
 * </pre>
 *
 * <p>When the first layer is a Dense with many inputs ({@link FirstLayer#choose},
 * {@link #splitsInput}), its product is split by its inputs instead of by rows: thread t
 * gathers input columns R_t of every row of the batch (X_t, the same columns as its row block
 * R_t of W₀) and computes a partial product for the whole batch; after the threads meet, part
 * t sums the partials of its rows:
 *
 * <pre>
 *   thread t:          P_t = X_t · W₀[R_t, :]                        (all B rows)
 *   part t, rows B_t:  a₁[B_t] = f₀(Σ_s P_s[B_t] + b₀)                (s = 0, 1, …, T − 1 in order)
 *   thread t:          ∂J/∂W₀[R_t, :] = X_tᵀ · g₁
 * </pre>
 *
 * <p>So no thread reads the rows of W₀ another thread updates, nor the inputs another gathered.
 * Why: W₀ is most of an MLP's parameters, and a core that writes lines another core has just
 * read waits for those lines to be taken back from the other core's cache, every step
 * (docs/performance-log.md, "Issue 13, eighth session"); the partials the threads exchange instead
 * are B×n₁ floats, a sixth of W₀ for the 784-256-128-10 MLP at B = 128.
 *
 * <p>Why rows and not replicas: with a replica per thread, every thread wrote a whole weight
 * gradient from half the batch (K = B/T rows in the product) and a second pass added them up.
 * Here each weight gradient is one product per thread over the whole batch (K = B), writing only
 * the thread's block, with no sum afterwards; the block is then in that thread's cache for its
 * part of the optimizer step ({@code Optimizer.stepPart} uses the same row blocks). The layer
 * math is the layers' own: the same kernels, the fused Dense+ReLU, and the Dropout masks of the
 * whole batch (one key per layer and step from the layer's generator; part t's masks start at
 * its first row), so the gradient equals the one-thread step's up to the order of float sums.
 *
 * <p>Thread-safety: a step runs {@link #prepareStep} alone, first; then each thread t
 * {@link #gatherInput} and (when {@link #splitsInput}) {@link #forwardInputBlock} for part t;
 * then, after every thread has done so when the input is split (the caller's barrier), each
 * part's {@link #forward} and {@link #backward}; then, after every part's backward pass (the
 * caller's barrier), each thread's {@link #parameterGradients}. Calls of different parts may
 * run at the same time within each of these phases. A part that has no rows (a batch of fewer
 * rows than parts) skips forward and backward.
 */
public final class BatchParts {
  /** One stage of the plan: a Dense (with the ReLU after it fused), a ReLU, or a Dropout. */
  private record Stage(Dense dense, boolean relu, Dropout dropout) {}

  private final List<Stage> stages = new ArrayList<>();
  /** activations[i]: the input of stage i (activations[0] the batch), whole batch. */
  private final Matrix[] activations;
  /** gradients[i]: ∂J/∂activations[i] (none for i = 0), whole batch. */
  private final Matrix[] gradients;
  /** Each Dropout stage's scaled mask, whole batch. */
  private final Matrix[] masks;
  /** Each Dropout stage's key for the current step. */
  private final long[] keys;
  /** biasSums[part][i]: part's column sums of the gradient at Dense stage i's output. */
  private final double[][][] biasSums;
  private final int maxRows;
  private final int parts;
  /** Whether the first Dense layer's product is split by its inputs (class comment). */
  private final boolean inputSplit;
  /** With the input split: inputBlocks[t] holds input columns R_t of the batch's rows. */
  private final Matrix[] inputBlocks;
  /** With the input split: partials[t] = inputBlocks[t] · W₀[R_t, :], all rows. */
  private final Matrix[] partials;

  /**
   * How a first Dense layer's product is split among the parts (class comment). Thread-safe, as
   * enum constants are; {@code choose} only reads a system property.
   */
  public enum FirstLayer {
    /** By its inputs, each thread's partial product for the whole batch. */
    BY_INPUTS,
    /** By the batch's rows, like the other layers. */
    BY_ROWS;

    /**
     * The split for a first layer of {@code inputs} inputs and batches of up to
     * {@code maxRows} rows: by inputs when {@code inputs > 2·maxRows}, unless the measurement
     * switch {@code -Dtikhonov.step.first=inputs|rows} names one. Why: the input split
     * exchanges the B×n₁ partial products between the threads where the row split has each
     * read the other's rows of W₀ (n_in×n₁), and it adds a meeting point; measured on two cores
     * (docs/performance-log.md, "Issue 13, ninth session"), the row split was 5-13 % faster at 16
     * and 64 inputs and 0-14 % at 256 (batch 128), the input split 6-13 % faster at 784.
     */
    public static FirstLayer choose(int inputs, int maxRows) {
      String value = System.getProperty("tikhonov.step.first", "auto");
      if (value.equals("inputs")) {
        return BY_INPUTS;
      }
      if (value.equals("rows")) {
        return BY_ROWS;
      }
      return inputs > 2L * maxRows ? BY_INPUTS : BY_ROWS;
    }
  }

  /**
   * {@link #BatchParts(Sequential, int, int, FirstLayer)} with the first layer split as
   * {@link FirstLayer#choose} says for the network's inputs and {@code maxRows}.
   */
  public BatchParts(Sequential network, int maxRows, int parts) {
    this(network, maxRows, parts, FirstLayer.choose(network.inputSize(), maxRows));
  }

  /**
   * Buffers for batches of up to {@code maxRows} rows, cut into {@code parts} parts, through
   * {@code network}, whose layers must be Dense, ReLU and Dropout ({@link #supports}). The
   * first layer's product is split by inputs when {@code first} says so, the first layer is a
   * Dense with at least as many inputs as parts and there are at least two parts; otherwise
   * by rows.
   */
  public BatchParts(Sequential network, int maxRows, int parts, FirstLayer first) {
    java.util.Objects.requireNonNull(first, "first");
    if (!supports(network)) {
      throw new IllegalArgumentException("data-parallel training supports Dense, ReLU and "
          + "Dropout layers only");
    }
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1, got " + parts);
    }
    this.maxRows = maxRows;
    this.parts = parts;
    List<Layer> layers = network.layers();
    List<Integer> widths = new ArrayList<>();
    int width = network.inputSize();
    widths.add(width);
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer instanceof Dense d) {
        boolean relu = i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU;
        stages.add(new Stage(d, relu, null));
        if (relu) {
          i++;
        }
        width = d.outputSize(width);
      } else if (layer instanceof Dropout d) {
        stages.add(new Stage(null, false, d));
      } else {
        stages.add(new Stage(null, true, null));
      }
      widths.add(width);
    }
    int count = stages.size();
    activations = new Matrix[count + 1];
    gradients = new Matrix[count + 1];
    masks = new Matrix[count];
    keys = new long[count];
    for (int i = 0; i <= count; i++) {
      activations[i] = Buffers.ensure(null, maxRows, widths.get(i));
      if (i > 0) {
        gradients[i] = Buffers.ensure(null, maxRows, widths.get(i));
      }
    }
    for (int i = 0; i < count; i++) {
      if (stages.get(i).dropout() != null) {
        masks[i] = Buffers.ensure(null, maxRows, widths.get(i));
      }
    }
    int inputs = network.inputSize();
    inputSplit = first == FirstLayer.BY_INPUTS && parts >= 2 && inputs >= parts
        && stages.get(0).dense() != null;
    inputBlocks = new Matrix[inputSplit ? parts : 0];
    partials = new Matrix[inputSplit ? parts : 0];
    for (int t = 0; t < inputBlocks.length; t++) {
      inputBlocks[t] = Matrix.zeros(maxRows, blockStart(inputs, t + 1, parts)
          - blockStart(inputs, t, parts));
      partials[t] = Matrix.zeros(maxRows, widths.get(1));
    }
    biasSums = new double[parts][count][];
    for (double[][] part : biasSums) {
      for (int i = 0; i < count; i++) {
        if (stages.get(i).dense() != null) {
          part[i] = new double[widths.get(i + 1)];
        }
      }
    }
  }

  /** Whether every layer of {@code network} is a Dense, ReLU or Dropout layer. */
  public static boolean supports(Sequential network) {
    for (Layer layer : network.layers()) {
      if (!(layer instanceof Dense || layer instanceof ReLU || layer instanceof Dropout)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Before a step's parts: each Dropout layer draws the step's key from its generator (one
   * draw, as its own training forward pass would), and the parts' bias sums start at zero.
   */
  public void prepareStep() {
    for (double[][] part : biasSums) {
      for (double[] sums : part) {
        if (sums != null) {
          java.util.Arrays.fill(sums, 0);
        }
      }
    }
    for (int i = 0; i < keys.length; i++) {
      Dropout d = stages.get(i).dropout();
      if (d != null && d.rate() > 0) {
        keys[i] = d.rng().nextLong();
      }
    }
  }

  /**
   * The start of block {@code part} of {@code parts} of {@code n} items: {@code ⌊n·part/parts⌋}.
   * Blocks are contiguous and their sizes differ by at most one; the parts of a batch's rows,
   * the row blocks of the parameters and the input blocks all follow it.
   */
  public static int blockStart(int n, int part, int parts) {
    return (int) ((long) n * part / parts);
  }

  /** Whether the first layer's product is split by inputs (class comment). */
  public boolean splitsInput() {
    return inputSplit;
  }

  /**
   * Part {@code part}'s share of a batch of {@code rows} rows, row i being row
   * {@code index[first + i]} of {@code source}: with the input split, input columns R_part of
   * every row; otherwise every column of the part's rows B_part. Modified: the part's input
   * buffer.
   */
  public void gatherInput(int part, Matrix source, int[] index, int first, int rows) {
    checkPart(part);
    if (inputSplit) {
      int c0 = blockStart(source.cols(), part, parts);
      int c1 = blockStart(source.cols(), part + 1, parts);
      Kernels.gatherRowBlocks(source, index, first, first + rows, c0, c1,
          rows(inputBlocks[part], 0, rows));
    } else {
      int from = blockStart(rows, part, parts);
      int to = blockStart(rows, part + 1, parts);
      Kernels.gatherRows(source, index, first + from, first + to,
          rows(activations[0], from, to));
    }
  }

  /**
   * With the input split, after {@link #gatherInput}: thread {@code part}'s partial product of
   * the first layer for all {@code rows} rows, {@code P_t = X_t · W₀[R_t, :]}; every part's
   * {@link #forward} needs every thread's. Does nothing when the input is not split.
   */
  public void forwardInputBlock(int part, int rows) {
    checkPart(part);
    if (!inputSplit) {
      return;
    }
    long t0 = StepTimes.now();
    Matrix w = stages.get(0).dense().weight().value();
    int r0 = blockStart(w.rows(), part, parts);
    int r1 = blockStart(w.rows(), part + 1, parts);
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, rows(inputBlocks[part], 0, rows),
        w.rowRange(r0, r1), 0f, rows(partials[part], 0, rows));
    StepTimes.add(part, StepTimes.Phase.FORWARD_GEMM, t0);
  }

  /** Where the loss gradient of rows {@code [from, to)} goes before {@link #backward}. */
  public Matrix outputGradientRows(int from, int to) {
    return rows(gradients[gradients.length - 1], from, to);
  }

  private void checkPart(int part) {
    if (part < 0 || part >= parts) {
      throw new IllegalArgumentException("part " + part + " of a plan for " + parts + " parts");
    }
  }

  private Matrix rows(Matrix m, int from, int to) {
    if (to > maxRows) {
      throw new IllegalArgumentException("rows up to " + to + " in buffers of " + maxRows);
    }
    return m.rowRange(from, to);
  }

  /**
   * The training forward pass of part {@code part}'s rows {@code [from, to)} (with the input
   * split, from every thread's {@link #forwardInputBlock}); returns the output rows.
   */
  public Matrix forward(int part, int from, int to) {
    checkPart(part);
    long t0 = StepTimes.now();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      Matrix in = rows(activations[i], from, to);
      Matrix out = rows(activations[i + 1], from, to);
      if (i == 0 && inputSplit) {
        Dense d = s.dense();
        if (s.relu()) {
          Kernels.sumRowsAddRowVectorRelu(partials, from, d.bias().value(), out);
        } else {
          Kernels.sumRowsAddRowVector(partials, from, d.bias().value(), out);
        }
      } else if (s.dense() != null) {
        Dense d = s.dense();
        Blas.gemm(Transpose.NO, Transpose.NO, 1f, in, d.weight().value(), 0f, out);
        t0 = StepTimes.add(part, StepTimes.Phase.FORWARD_GEMM, t0);
        if (s.relu()) {
          Kernels.addRowVectorRelu(d.bias().value(), out);
        } else {
          Kernels.addRowVector(d.bias().value(), out);
        }
      } else if (s.dropout() != null) {
        Dropout d = s.dropout();
        if (d.rate() == 0) {
          out.copyFrom(in);
        } else {
          // the threshold and scale Dropout's constructor computes from its rate
          Kernels.dropout(keys[i], from * in.cols(), Kernels.dropoutThreshold((float) d.rate()),
              (float) (1.0 / (1.0 - d.rate())), in,
              rows(masks[i], from, to), out);
        }
      } else {
        Kernels.relu(in, out);
      }
      t0 = StepTimes.add(part, StepTimes.Phase.FORWARD_ELEMENTWISE, t0);
    }
    return rows(activations[stages.size()], from, to);
  }

  /**
   * Back-propagates the loss gradient of rows {@code [from, to)} ({@link #outputGradientRows}),
   * part {@code part}'s rows, to every stage's input, without the weight gradients; adds the
   * part's share of each bias gradient (column sums of its rows, in double).
   */
  public void backward(int part, int from, int to) {
    checkPart(part);
    long t0 = StepTimes.now();
    for (int i = stages.size() - 1; i >= 0; i--) {
      Stage s = stages.get(i);
      Matrix gOut = rows(gradients[i + 1], from, to);
      Matrix gIn = i > 0 ? rows(gradients[i], from, to) : null;
      if (s.dense() != null) {
        if (s.relu()) {
          // ∂J/∂(x·W + b) = ∂J/∂y · 1[y > 0], in place (the weight gradient reads it later),
          // and its column sums for the bias gradient
          Kernels.reluMaskAddColumnSums(rows(activations[i + 1], from, to), gOut,
              biasSums[part][i]);
        } else {
          Kernels.addColumnSums(gOut, biasSums[part][i]);
        }
        t0 = StepTimes.add(part, StepTimes.Phase.BACKWARD_ELEMENTWISE, t0);
        if (gIn != null) {
          Blas.gemm(Transpose.NO, Transpose.YES, 1f, gOut, s.dense().weight().value(), 0f, gIn);
          t0 = StepTimes.add(part, StepTimes.Phase.BACKWARD_GEMM, t0);
        }
      } else if (gIn != null) {
        if (s.dropout() != null) {
          if (s.dropout().rate() == 0) {
            gIn.copyFrom(gOut);
          } else {
            Kernels.multiply(gOut, rows(masks[i], from, to), gIn);
          }
        } else {
          gIn.copyFrom(gOut);
          Kernels.reluMask(rows(activations[i + 1], from, to), gIn);
        }
        t0 = StepTimes.add(part, StepTimes.Phase.BACKWARD_ELEMENTWISE, t0);
      }
    }
  }

  /**
   * After every part's {@link #backward} on a batch of {@code rows} rows: block {@code part}
   * of every parameter gradient (rows {@code [blockStart(R, part, T), blockStart(R, part + 1,
   * T))} of a parameter of R rows, T the parts this plan was made for), from the whole batch.
   * Modified: those rows of the network's parameter gradients.
   */
  public void parameterGradients(int rows, int part) {
    parameterGradients(rows, part, Parameter::gradient, 0f);
  }

  /**
   * {@link #parameterGradients(int, int)}, each block added to {@code beta} times the same rows
   * of {@code into(parameter)} instead of written to the parameter's gradient:
   * {@code into ← ∂J/∂w + beta·into}, as the β of the weight gradient's product (the biases:
   * {@code (float) Σ + beta·into}, in float). With an optimizer's momentum buffers and β = μ
   * this is the momentum's accumulation ({@code dev.tikhonov.optim.MomentumProducts}), without
   * the gradient ever being stored. Modified: those rows of {@code into}'s matrices.
   */
  public void parameterGradients(int rows, int part, Function<Parameter, Matrix> into,
      float beta) {
    checkPart(part);
    long t0 = StepTimes.now();
    for (int i = 0; i < stages.size(); i++) {
      Dense d = stages.get(i).dense();
      if (d == null) {
        continue;
      }
      Matrix g = rows(gradients[i + 1], 0, rows);
      Matrix dw = into.apply(d.weight());
      int r0 = blockStart(dw.rows(), part, parts);
      int r1 = blockStart(dw.rows(), part + 1, parts);
      if (i == 0 && inputSplit) {
        // the thread's own input block holds exactly columns r0:r1 of the batch's input
        Blas.gemmColumnsTransposed(1f, rows(inputBlocks[part], 0, rows), 0, r1 - r0, g, beta,
            dw.rowRange(r0, r1));
      } else {
        // numpy: dW[r0:r1] = a[:, r0:r1].T @ g + beta * dW[r0:r1]
        Blas.gemmColumnsTransposed(1f, rows(activations[i], 0, rows), r0, r1, g, beta,
            dw.rowRange(r0, r1));
      }
      if (blockStart(1, part, parts) < blockStart(1, part + 1, parts)) {
        // the bias's one row belongs to the last part: Σ over parts of their column sums
        Matrix db = into.apply(d.bias());
        for (int j = 0; j < db.cols(); j++) {
          double sum = 0;
          for (double[][] sums : biasSums) {
            sum += sums[i][j];
          }
          // beta = 0 writes the sum alone: 0 times a stale non-finite value would be NaN
          db.put(j, beta == 0 ? (float) sum : beta * db.at(j) + (float) sum);
        }
      }
      t0 = StepTimes.add(part, StepTimes.Phase.WEIGHT_GEMM, t0);
    }
  }
}
