package dev.tikhonov.nn;

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
 * <p>Why: with a replica per thread, every thread wrote a whole weight gradient from half the
 * batch (K = B/T rows in the product) and a second pass added them up. Here each weight
 * gradient is one product per thread over the whole batch (K = B), writing only the thread's
 * block, with no sum afterwards; the block is then in that thread's cache for its part of the
 * optimizer step ({@code Optimizer.stepPart} uses the same row blocks). The layer math is the
 * layers' own: the same kernels, the fused Dense+ReLU, and the Dropout masks of the whole
 * batch (one key per layer and step from the layer's generator; part t's masks start at its
 * first row), so the gradient equals the one-thread step's up to the order of float sums.
 *
 * <p>Thread-safety: {@link #forward} and {@link #backward} of different parts may run at the
 * same time, and so may {@link #parameterGradients} of different blocks, but only after every
 * part's backward pass (the caller's barrier). {@link #prepareStep} runs alone, first. A part
 * that has no rows (a batch of fewer rows than parts) skips forward and backward.
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

  /**
   * Buffers for batches of up to {@code maxRows} rows, cut into {@code parts} parts, through
   * {@code network}, whose layers must be Dense, ReLU and Dropout ({@link #supports}).
   */
  public BatchParts(Sequential network, int maxRows, int parts) {
    if (!supports(network)) {
      throw new IllegalArgumentException("data-parallel training supports Dense, ReLU and "
          + "Dropout layers only");
    }
    this.maxRows = maxRows;
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

  /** Where part rows {@code [from, to)} of the batch go before {@link #forward}. */
  public Matrix inputRows(int from, int to) {
    return rows(activations[0], from, to);
  }

  /** Where the loss gradient of rows {@code [from, to)} goes before {@link #backward}. */
  public Matrix outputGradientRows(int from, int to) {
    return rows(gradients[gradients.length - 1], from, to);
  }

  private Matrix rows(Matrix m, int from, int to) {
    if (to > maxRows) {
      throw new IllegalArgumentException("rows up to " + to + " in buffers of " + maxRows);
    }
    return m.rowRange(from, to);
  }

  /** The training forward pass of rows {@code [from, to)}; returns the output rows. */
  public Matrix forward(int from, int to) {
    return forward(0, from, to);
  }

  /**
   * The training forward pass of rows {@code [from, to)}, part {@code part}'s rows (the part
   * only names the thread for {@link StepTimes}); returns the output rows.
   */
  public Matrix forward(int part, int from, int to) {
    long t0 = StepTimes.now();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      Matrix in = rows(activations[i], from, to);
      Matrix out = rows(activations[i + 1], from, to);
      if (s.dense() != null) {
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
          Kernels.dropout(keys[i], from * in.cols(), d.threshold(), d.keepScale(), in,
              rows(masks[i], from, to), out);
        }
      } else {
        ReLU.rectify(in, out);
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
    long t0 = StepTimes.now();
    for (int i = stages.size() - 1; i >= 0; i--) {
      Stage s = stages.get(i);
      Matrix gOut = rows(gradients[i + 1], from, to);
      Matrix gIn = i > 0 ? rows(gradients[i], from, to) : null;
      if (s.dense() != null) {
        if (s.relu()) {
          // ∂J/∂(x·W + b) = ∂J/∂y · 1[y > 0], in place: the weight gradient reads it later
          Kernels.reluMask(rows(activations[i + 1], from, to), gOut);
        }
        Kernels.addColumnSums(gOut, biasSums[part][i]);
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
   * of {@code parts} of every parameter gradient (rows {@code [⌊R·part/parts⌋,
   * ⌊R·(part+1)/parts⌋)} of a parameter of R rows), from the whole batch. Modified: those rows
   * of the network's parameter gradients.
   */
  public void parameterGradients(int rows, int part, int parts) {
    parameterGradients(rows, part, parts, Parameter::gradient, 0f);
  }

  /**
   * {@link #parameterGradients(int, int, int)}, each block added to {@code beta} times the same
   * rows of {@code into(parameter)} instead of written to the parameter's gradient:
   * {@code into ← ∂J/∂w + beta·into}, as the β of the weight gradient's product (the biases:
   * {@code (float) Σ + beta·into}, in float). With an optimizer's momentum buffers and β = μ
   * this is the momentum's accumulation ({@code dev.tikhonov.optim.MomentumProducts}), without
   * the gradient ever being stored. Modified: those rows of {@code into}'s matrices.
   */
  public void parameterGradients(int rows, int part, int parts,
      Function<Parameter, Matrix> into, float beta) {
    long t0 = StepTimes.now();
    for (int i = 0; i < stages.size(); i++) {
      Dense d = stages.get(i).dense();
      if (d == null) {
        continue;
      }
      Matrix in = rows(activations[i], 0, rows);
      Matrix g = rows(gradients[i + 1], 0, rows);
      Matrix dw = into.apply(d.weight());
      int r0 = (int) ((long) dw.rows() * part / parts);
      int r1 = (int) ((long) dw.rows() * (part + 1) / parts);
      // numpy: dW[r0:r1] = a[:, r0:r1].T @ g + beta * dW[r0:r1]
      Blas.gemmColumnsTransposed(1f, in, r0, r1, g, beta, dw.rowRange(r0, r1));
      if ((long) part / parts < (long) (part + 1) / parts) {
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
