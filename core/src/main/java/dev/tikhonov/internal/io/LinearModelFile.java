package dev.tikhonov.internal.io;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.loss.Family;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fitted generalized linear model in one file, in double precision: the safetensors layout
 * (docs/model-files.md) with F64 tensors {@code intercepts} [K], {@code coefficients} [K, p] (on
 * the original feature scale, η_k = a₀ₖ + x·bₖ), {@code penalty_factors} [p] (vⱼ, normalized to
 * sum to p) and {@code penalty_scales} [p] (the scale sⱼ the penalty acted on), and in
 * {@code __metadata__}: {@code "format": "tikhonov-linear"}, {@code "format_version": "1"} and
 * {@code "model"}, a JSON object with the family, λ, α, feature and class names and the
 * provenance, and for a model fitted with an offset its {@code "offset_column"} (optional: η_k
 * then adds that column's value, which prediction needs), for a multinomial model fitted with
 * the grouped penalty {@code "multinomial_penalty": "grouped"} (optional: its penalty is
 * λ Σⱼ vⱼ[(1−α)/2 ‖sⱼbⱼ‖₂² + α‖sⱼbⱼ‖₂] over the classes; a file without the key and whose
 * provenance settings say {@code "multinomial_penalty": "grouped"}, written before the key
 * existed, is grouped too). K = 1 for gaussian, binomial and poisson, the number of classes
 * for multinomial.
 *
 * <p>Written atomically; loading validates shapes, names, families and every number (finite;
 * factors ≥ 0, scales &gt; 0; {@code 1e6·Σⱼ|bₖⱼ| + |a₀ₖ| ≤ Double.MAX_VALUE/2}, so inputs within
 * ±1e6 give a finite η) and gives an {@link InputException} naming the problem. Never Java
 * serialization. Stateless; thread-safe.
 */
public final class LinearModelFile {
  /** The value of {@code __metadata__.format}. */
  public static final String FORMAT = "tikhonov-linear";
  /** The format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** The model's key (and its provenance settings') naming a multinomial penalty. */
  private static final String GROUPING = "multinomial_penalty";

  private LinearModelFile() {}

  /**
   * The contents of a linear model file. Nothing is copied: immutable, and thread-safe, only
   * while nobody modifies its arrays, lists and provenance map ({@code read} gives fresh ones).
   *
   * @param family the GLM family
   * @param lambda λ ≥ 0
   * @param l1Ratio α ∈ [0, 1]
   * @param intercepts a₀ₖ, K of them
   * @param coefficients bₖⱼ, K×p
   * @param penaltyFactors vⱼ ≥ 0, p
   * @param penaltyScales sⱼ &gt; 0, p
   * @param featureNames p names
   * @param classNames K class names (binomial: 2), empty for gaussian
   * @param provenance JSON-friendly provenance (see {@code estimate.Provenance})
   * @param offsetColumn the column whose values are added to η (glmnet's offset), required at
   *     prediction; empty for none (the file's optional {@code offset_column})
   * @param multinomialPenalty how the fit penalized each feature's class coefficients
   *     (GROUPED only for the multinomial family; the file's optional
   *     {@code multinomial_penalty}, written for GROUPED)
   */
  public record Contents(Family family, double lambda, double l1Ratio, double[] intercepts,
      double[][] coefficients, double[] penaltyFactors, double[] penaltyScales,
      List<String> featureNames, List<String> classNames, Map<String, Object> provenance,
      java.util.Optional<String> offsetColumn, MultinomialPenalty multinomialPenalty) {

    /** Each class coefficient penalized on its own ({@link MultinomialPenalty#UNGROUPED}). */
    public Contents(Family family, double lambda, double l1Ratio, double[] intercepts,
        double[][] coefficients, double[] penaltyFactors, double[] penaltyScales,
        List<String> featureNames, List<String> classNames, Map<String, Object> provenance,
        java.util.Optional<String> offsetColumn) {
      this(family, lambda, l1Ratio, intercepts, coefficients, penaltyFactors, penaltyScales,
          featureNames, classNames, provenance, offsetColumn, MultinomialPenalty.UNGROUPED);
    }

    /** Without an offset column. */
    public Contents(Family family, double lambda, double l1Ratio, double[] intercepts,
        double[][] coefficients, double[] penaltyFactors, double[] penaltyScales,
        List<String> featureNames, List<String> classNames, Map<String, Object> provenance) {
      this(family, lambda, l1Ratio, intercepts, coefficients, penaltyFactors, penaltyScales,
          featureNames, classNames, provenance, java.util.Optional.empty());
    }
  }

  /** Writes {@code c} to {@code file} atomically, refusing what {@link #read} would refuse. */
  public static void save(Contents c, Path file) {
    String name = file.toString();
    String cannot = name + ": cannot save";
    validate(c, cannot);
    int k = c.intercepts().length;
    int p = c.featureNames().size();
    double[] flat = new double[k * p];
    for (int r = 0; r < k; r++) {
      System.arraycopy(c.coefficients()[r], 0, flat, r * p, p);
    }
    SafeTensors.Writer writer = new SafeTensors.Writer()
        .addDoubles("intercepts", c.intercepts(), k)
        .addDoubles("coefficients", flat, k, p)
        .addDoubles("penalty_factors", c.penaltyFactors(), p)
        .addDoubles("penalty_scales", c.penaltyScales(), p);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("family", c.family().name().toLowerCase(Locale.ROOT));
    model.put("lambda", c.lambda());
    model.put("l1_ratio", c.l1Ratio());
    model.put("feature_names", c.featureNames());
    model.put("class_names", c.classNames());
    c.offsetColumn().ifPresent(o -> model.put("offset_column", o));
    if (c.multinomialPenalty() == MultinomialPenalty.GROUPED) {
      // Only then: an ungrouped model's file stays what every earlier version reads.
      model.put(GROUPING, "grouped");
    }
    model.put("provenance", c.provenance());
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", FORMAT);
    metadata.put("format_version", String.valueOf(FORMAT_VERSION));
    metadata.put("model", Json.oneLine(model));
    byte[] header = writer.header(metadata);
    FileLimits.requireHeaderFits(header.length - 8, name, p + " feature names, "
        + c.classNames().size() + " class names, the provenance");
    AtomicFiles.write(file, out -> writer.writeTo(out, header));
  }

  /** Reads and validates a linear model file. */
  public static Contents read(Path file) {
    return ByteSource.readFile(file, "model file not found",
        source -> read(source, file.toString()));
  }

  /** Reads a linear model file's bytes held in memory; {@code name} names it in messages. */
  public static Contents read(byte[] bytes, String name) {
    return read(ByteSource.of(bytes), name);
  }

  /** Reads a linear model file from {@code src}; {@code name} names it in messages. */
  public static Contents read(ByteSource src, String name) {
    SafeTensors.Header header = SafeTensors.readHeader(src, name,
        Set.of(SafeTensors.DType.F64));
    Map<String, String> meta = header.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new InputException(name + ": not a tikhonov linear model file (format "
          + SafeTensors.quote(String.valueOf(meta.get("format"))) + ")");
    }
    if (!String.valueOf(FORMAT_VERSION).equals(meta.get("format_version"))) {
      throw new InputException(name + ": linear model format version "
          + SafeTensors.quote(String.valueOf(meta.get("format_version")))
          + " is not supported; this tikhonov reads version " + FORMAT_VERSION);
    }
    HeaderChecksum.require(header, name, "model file");
    String text = meta.get("model");
    if (text == null) {
      throw new InputException(name + ": metadata \"model\" is missing");
    }
    ModelFile.requireMetadataKeys(meta, name);
    SafeTensors.requireChecksum(src, header, name, "model file");
    // Every file written so far has these keys; offset_column only for a model fitted with one.
    JsonFields f = JsonFields.parse(text, name, "model").requireKeys(Set.of("family", "lambda",
        "l1_ratio", "feature_names", "class_names", "provenance"),
        Set.of("offset_column", GROUPING));
    Family family;
    String familyName = f.text("family"); // outside the try: a missing field is its own InputException
    try {
      family = Family.valueOf(familyName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(name + ": model.family " + SafeTensors.quote(f.text("family"))
          + " is unknown; expected gaussian, binomial, multinomial or poisson");
    }
    double lambda = f.number("lambda", 0, Double.POSITIVE_INFINITY);
    double l1Ratio = f.numberIn("l1_ratio", 0, 1);
    List<String> features = f.distinctStrings("feature_names", -1,
        "a model finds its columns by name");
    List<String> classes = f.distinctStrings("class_names", -1, "each class has one name");
    int p = features.size();
    int k = family == Family.MULTINOMIAL ? classes.size() : 1;
    double[] intercepts = tensor(src, header, "intercepts", new long[] {k}, name);
    double[] flat = tensor(src, header, "coefficients", new long[] {k, p}, name);
    double[] factors = tensor(src, header, "penalty_factors", new long[] {p}, name);
    double[] scales = tensor(src, header, "penalty_scales", new long[] {p}, name);
    if (header.tensors().size() != 4) {
      throw new InputException(name + ": holds " + header.tensors().size()
          + " tensors; a linear model has intercepts, coefficients, penalty_factors and"
          + " penalty_scales");
    }
    double[][] coefficients = new double[k][p];
    for (int r = 0; r < k; r++) {
      System.arraycopy(flat, r * p, coefficients[r], 0, p);
    }
    Map<String, Object> provenance = f.has("provenance")
        ? Json.MAPPER.convertValue(f.object("provenance").node(),
            new TypeReference<Map<String, Object>>() {})
        : Map.of();
    java.util.Optional<String> offsetColumn = f.has("offset_column")
        ? java.util.Optional.of(f.text("offset_column")) : java.util.Optional.empty();
    Contents c = new Contents(family, lambda, l1Ratio, intercepts, coefficients, factors,
        scales, features, classes, provenance, offsetColumn, grouping(f, provenance, name));
    validate(c, name);
    return c;
  }

  /**
   * The file's {@code multinomial_penalty}, else GROUPED where the provenance's settings say
   * {@code "grouped"} (files written before the key was), else UNGROUPED.
   */
  private static MultinomialPenalty grouping(JsonFields f, Map<String, Object> provenance,
      String name) {
    if (!f.has(GROUPING)) {
      return provenance.get("settings") instanceof Map<?, ?> settings
          && "grouped".equals(settings.get(GROUPING))
          ? MultinomialPenalty.GROUPED : MultinomialPenalty.UNGROUPED;
    }
    String given = f.text(GROUPING);
    return switch (given) {
      case "grouped" -> MultinomialPenalty.GROUPED;
      case "ungrouped" -> MultinomialPenalty.UNGROUPED;
      default -> throw new InputException(name + ": model." + GROUPING + " "
          + SafeTensors.quote(given) + " is unknown; expected grouped or ungrouped");
    };
  }

  private static double[] tensor(ByteSource src, SafeTensors.Header header, String tensor,
      long[] shape, String name) {
    SafeTensors.Info info = header.tensors().get(tensor);
    if (info == null) {
      throw new InputException(name + ": tensor \"" + tensor + "\" is missing; expected shape "
          + java.util.Arrays.toString(shape));
    }
    if (!java.util.Arrays.equals(info.shape(), shape)) {
      throw new InputException(name + ": tensor \"" + tensor + "\" has shape "
          + java.util.Arrays.toString(info.shape()) + " but the model's names need "
          + java.util.Arrays.toString(shape));
    }
    return SafeTensors.readDoubles(src, header, info, name);
  }

  /** The rules {@link #read} checks; {@code where} starts each message. */
  private static void validate(Contents c, String where) {
    int p = c.featureNames().size();
    int k = c.intercepts().length;
    if (p < 1 || p > FileLimits.MAX_WIDTH) {
      throw new InputException(where + ": " + p + " features; expected 1.."
          + FileLimits.MAX_WIDTH);
    }
    requireDistinct(c.featureNames(), "feature_names", where);
    requireDistinct(c.classNames(), "class_names", where);
    switch (c.family()) {
      case GAUSSIAN, POISSON -> {
        if (!c.classNames().isEmpty() || k != 1) {
          throw new InputException(where + ": a " + c.family().name().toLowerCase(Locale.ROOT)
              + " model has one intercept and no classes");
        }
      }
      case BINOMIAL -> {
        if (c.classNames().size() != 2 || k != 1) {
          throw new InputException(where + ": a binomial model has 2 class names and one "
              + "coefficient vector, found " + c.classNames().size() + " and " + k);
        }
      }
      default -> {
        if (c.classNames().size() < 2 || k != c.classNames().size()) {
          throw new InputException(where + ": a multinomial model has one coefficient vector per"
              + " class (at least 2), found " + k + " for " + c.classNames().size());
        }
      }
    }
    if (c.multinomialPenalty() == MultinomialPenalty.GROUPED
        && c.family() != Family.MULTINOMIAL) {
      throw new InputException(where + ": model.multinomial_penalty \"grouped\" is for a"
          + " multinomial model, not a " + c.family().name().toLowerCase(Locale.ROOT) + " one");
    }
    if (!(c.lambda() >= 0) || Double.isInfinite(c.lambda())
        || !(c.l1Ratio() >= 0 && c.l1Ratio() <= 1)) {
      throw new InputException(where + ": λ = " + c.lambda() + ", α = " + c.l1Ratio()
          + "; expected λ finite ≥ 0 and α in [0, 1]");
    }
    if (c.coefficients().length != k || c.penaltyFactors().length != p
        || c.penaltyScales().length != p) {
      throw new InputException(where + ": arrays do not match " + k + " × " + p);
    }
    for (int j = 0; j < p; j++) {
      if (!(c.penaltyFactors()[j] >= 0) || Double.isInfinite(c.penaltyFactors()[j])) {
        throw new InputException(where + ": penalty_factors[" + j + "] = "
            + c.penaltyFactors()[j] + "; expected a finite number ≥ 0");
      }
      if (!(c.penaltyScales()[j] > 0) || Double.isInfinite(c.penaltyScales()[j])) {
        throw new InputException(where + ": penalty_scales[" + j + "] = " + c.penaltyScales()[j]
            + "; expected a finite number > 0");
      }
    }
    for (int r = 0; r < k; r++) {
      double reach = Math.abs(c.intercepts()[r]);
      if (c.coefficients()[r].length != p) {
        throw new InputException(where + ": coefficient vector " + (r + 1) + " has "
            + c.coefficients()[r].length + " entries for " + p + " features");
      }
      for (int j = 0; j < p; j++) {
        double b = c.coefficients()[r][j];
        if (!Double.isFinite(b)) {
          throw new InputException(where + ": coefficients[" + r + "][" + j + "] = " + b
              + "; coefficients must be finite");
        }
        reach += 1e6 * Math.abs(b);
      }
      if (!(reach <= Double.MAX_VALUE / 2)) {
        throw new InputException(where + ": coefficient vector " + (r + 1) + " makes the linear "
            + "predictor overflow for inputs within ±1e6 (Σ|b|·1e6 + |a₀| = " + reach + ")");
      }
    }
  }

  private static void requireDistinct(List<String> names, String what, String where) {
    if (new java.util.HashSet<>(names).size() != names.size()) {
      throw new InputException(where + ": model." + what + " holds a name twice; "
          + "names must be distinct");
    }
  }

  /**
   * The {@code __metadata__.format} of a safetensors file ("tikhonov-model",
   * "tikhonov-linear", ...), reading only its header; an {@link InputException} when the file is
   * not a safetensors file.
   */
  public static String formatOf(Path file) {
    return ByteSource.readFile(file, "model file not found",
        source -> formatOf(source, file.toString()));
  }

  /**
   * The {@code __metadata__.format} of the safetensors file in {@code src}, reading only its
   * header; a reader that then reads the same {@code src} reads the same file, where a second
   * open of a path could find another file renamed over it in between.
   */
  public static String formatOf(ByteSource src, String name) {
    return SafeTensors.readHeader(src, name, Set.of(SafeTensors.DType.values())).metadata()
        .getOrDefault("format", "");
  }
}
