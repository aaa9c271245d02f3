package dev.tikhonov.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Speaks of flags where the library speaks of settings: the core's validation messages start
 * with the setting's Java name ("lambda must be …", "batchSize must be …"); a command builds its
 * estimator through {@link #translate}, which turns such a message into one about the flag the
 * user typed ("--lambda must be …"). Only the CLI knows flag names.
 */
final class Flags {
  private Flags() {}

  /** Setting name at the start of a core message → the flag that sets it (longest first). */
  private static final Map<String, String> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("hidden layer widths", "--model");
    FLAGS.put("lambdaMinRatio", "--lambda-min-ratio");
    FLAGS.put("maxIterations", "--max-iterations");
    FLAGS.put("numLambdas", "--nlambda");
    FLAGS.put("numFolds", "--cv-folds");
    FLAGS.put("tolerance", "--tol");
    FLAGS.put("l1Ratio (α)", "--l1-ratio");
    FLAGS.put("lambdas", "--lambdas");
    FLAGS.put("validationFraction", "--validation-fraction");
    FLAGS.put("Nesterov momentum", "--momentum");
    FLAGS.put("learning rate", "--lr");
    FLAGS.put("weightDecay", "--weight-decay");
    FLAGS.put("weight decay", "--weight-decay");
    FLAGS.put("batchSize", "--batch-size");
    FLAGS.put("clip norm", "--clip-norm");
    FLAGS.put("l1Ratio", "--l1-ratio");
    FLAGS.put("patience", "--patience");
    FLAGS.put("momentum", "--momentum");
    FLAGS.put("dropout", "--dropout");
    FLAGS.put("threads", "--threads");
    FLAGS.put("epochs", "--epochs");
    FLAGS.put("lambda", "--lambda");
    FLAGS.put("seed", "--seed");
    FLAGS.put("lambdas", "--lambdas");
    FLAGS.put("minLambda", "--min-lambda");
    FLAGS.put("warmEpochs", "--warm-epochs");
    FLAGS.put("testFraction", "--holdout");
    FLAGS.put("repeated seeds", "--repeat-seeds");
    FLAGS.put("dropouts", "--dropouts");
    FLAGS.put("weightDecays", "--weight-decays");
    FLAGS.put("learningRates", "--learning-rates");
    FLAGS.put("everyEpochs", "--step-epochs");
    FLAGS.put("trainRows", "--train-rows");
    FLAGS.put("methods", "--methods");
  }

  /** Runs {@code build}, re-throwing a setting's IllegalArgumentException in terms of flags. */
  static <T> T translate(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(toFlags(e.getMessage()), e);
    }
  }

  /** The message with its leading setting name replaced by the flag's name. */
  static String toFlags(String message) {
    if (message == null) {
      return "invalid setting";
    }
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      String key = e.getKey();
      if (message.startsWith(key) && (message.length() == key.length()
          || !Character.isLetterOrDigit(message.charAt(key.length())))) {
        return e.getValue() + message.substring(key.length());
      }
    }
    return message;
  }
}
