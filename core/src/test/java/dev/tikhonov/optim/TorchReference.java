package dev.tikhonov.optim;

/**
 * PyTorch's single-tensor optimizer loops written out in plain double arithmetic, one parameter
 * tensor as a {@code double[]}, for comparison with the transforms. Each follows the file named
 * in its javadoc (PyTorch 2.x, {@code foreach=False}, {@code maximize=False}).
 */
final class TorchReference {
  private TorchReference() {}

  /** An optimizer over one parameter tensor: {@code param} is modified in place. */
  interface Step {
    void step(double[] param, double[] grad);
  }

  /**
   * torch/optim/sgd.py {@code _single_tensor_sgd} (dampening = 0):
   *
   * <pre>
   * d_p = grad + weight_decay * param
   * if momentum != 0:
   *     buf = clone(d_p) if buf is None else momentum * buf + (1 - dampening) * d_p
   *     d_p = d_p + momentum * buf if nesterov else buf
   * param -= lr * d_p
   * </pre>
   */
  static final class Sgd implements Step {
    private final double lr;
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private double[] buf;

    Sgd(double lr, double momentum, double weightDecay, boolean nesterov) {
      this.lr = lr;
      this.momentum = momentum;
      this.weightDecay = weightDecay;
      this.nesterov = nesterov;
    }

    @Override
    public void step(double[] param, double[] grad) {
      double[] dp = new double[param.length];
      for (int i = 0; i < dp.length; i++) {
        dp[i] = grad[i] + weightDecay * param[i];
      }
      if (momentum != 0) {
        if (buf == null) {
          buf = dp.clone();
        } else {
          for (int i = 0; i < dp.length; i++) {
            buf[i] = momentum * buf[i] + dp[i];
          }
        }
        for (int i = 0; i < dp.length; i++) {
          dp[i] = nesterov ? dp[i] + momentum * buf[i] : buf[i];
        }
      }
      for (int i = 0; i < dp.length; i++) {
        param[i] -= lr * dp[i];
      }
    }
  }

  /**
   * torch/optim/adam.py {@code _single_tensor_adam}; {@code decoupled} is AdamW
   * (torch/optim/adamw.py, i.e. {@code Adam(decoupled_weight_decay=True)}):
   *
   * <pre>
   * step += 1
   * if decoupled: param *= 1 - lr * weight_decay
   * else:         grad = grad + weight_decay * param
   * exp_avg.lerp_(grad, 1 - beta1)
   * exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
   * step_size = lr / (1 - beta1 ** step)
   * denom = exp_avg_sq.sqrt() / sqrt(1 - beta2 ** step) + eps
   * param.addcdiv_(exp_avg, denom, value=-step_size)
   * </pre>
   */
  static final class Adam implements Step {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private double[] expAvg;
    private double[] expAvgSq;
    private int step;

    Adam(double lr, double beta1, double beta2, double eps, double weightDecay,
        boolean decoupled) {
      this.lr = lr;
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.eps = eps;
      this.weightDecay = weightDecay;
      this.decoupled = decoupled;
    }

    @Override
    public void step(double[] param, double[] grad) {
      if (expAvg == null) {
        expAvg = new double[param.length];
        expAvgSq = new double[param.length];
      }
      step++;
      double[] g = grad.clone();
      for (int i = 0; i < param.length; i++) {
        if (decoupled) {
          param[i] *= 1 - lr * weightDecay;
        } else {
          g[i] += weightDecay * param[i];
        }
      }
      double stepSize = lr / (1 - Math.pow(beta1, step));
      double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
      for (int i = 0; i < param.length; i++) {
        expAvg[i] += (g[i] - expAvg[i]) * (1 - beta1);
        expAvgSq[i] = expAvgSq[i] * beta2 + (1 - beta2) * g[i] * g[i];
        double denom = Math.sqrt(expAvgSq[i]) / biasCorrection2Sqrt + eps;
        param[i] += -stepSize * expAvg[i] / denom;
      }
    }
  }

  /**
   * torch/optim/rmsprop.py {@code _single_tensor_rmsprop} (momentum = 0, centered = False):
   *
   * <pre>
   * grad = grad + weight_decay * param
   * square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
   * avg = square_avg.sqrt().add_(eps)
   * param.addcdiv_(grad, avg, value=-lr)
   * </pre>
   */
  static final class RmsProp implements Step {
    private final double lr;
    private final double alpha;
    private final double eps;
    private double[] squareAvg;

    RmsProp(double lr, double alpha, double eps) {
      this.lr = lr;
      this.alpha = alpha;
      this.eps = eps;
    }

    @Override
    public void step(double[] param, double[] grad) {
      if (squareAvg == null) {
        squareAvg = new double[param.length];
      }
      for (int i = 0; i < param.length; i++) {
        squareAvg[i] = squareAvg[i] * alpha + (1 - alpha) * grad[i] * grad[i];
        double avg = Math.sqrt(squareAvg[i]) + eps;
        param[i] += -lr * grad[i] / avg;
      }
    }
  }
}
