package dev.tikhonov.report;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.estimate.LambdaGrid;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.MlpGrid;
import dev.tikhonov.estimate.MlpPath;
import dev.tikhonov.estimate.MlpPathCV;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.internal.report.GridFiles;
import dev.tikhonov.internal.report.SelectionFiles;
import dev.tikhonov.select.CvMeasure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/** Small real select and grid runs, written as the CLI writes them, for the report tests. */
final class SelectionRuns {
  private SelectionRuns() {}

  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 300).toArray());

  static MlpClassifier base() {
    return MlpClassifier.builder().hiddenLayers(8).epochs(3).batchSize(30).seed(1).build();
  }

  static MlpPathCV<NetworkClassifier> search() {
    return search(CvMeasure.DEVIANCE);
  }

  static MlpPathCV<NetworkClassifier> search(CvMeasure measure) {
    return MlpPathCV.builder(MlpPath.builder(base()).lambdas(LambdaGrid.fromData(4, 1e-4))
        .warmEpochs(1).build()).resampling(Resampling.kFold(3, 0)).measure(measure).threads(2)
        .build();
  }

  /** A select run: selection.json/csv with the evidence, metrics.json, run.json, report. */
  static MlpPathCV.Result<NetworkClassifier> select(Path dir) {
    return select(dir, CvMeasure.DEVIANCE);
  }

  /** A select run choosing by {@code measure}. */
  static MlpPathCV.Result<NetworkClassifier> select(Path dir, CvMeasure measure) {
    RunWriter out = RunWriter.open(dir, RunKind.SELECT);
    MlpPathCV<NetworkClassifier> search = search(measure);
    MlpPathCV.Result<NetworkClassifier> r = search.crossValidate(DIGITS);
    SelectionFiles.write(out, "selection", search, r,
        Optional.of(r.fullPath().orElseThrow().evidence()));
    out.metrics(Map.of("lambda_chosen", r.chosenLambda()));
    out.finish(RunInfo.of(RunKind.SELECT, "select", List.of("--out", dir.toString()),
        OptionalLong.of(1), 2, Optional.empty(), Instant.now(), search.settings()));
    return r;
  }

  /** A grid run: grid.json/csv, metrics.json, run.json, report. */
  static GridSearchCV.Result<NetworkClassifier> grid(Path dir) {
    return grid(dir, CvMeasure.DEVIANCE);
  }

  /** A grid run choosing by {@code measure}. */
  static GridSearchCV.Result<NetworkClassifier> grid(Path dir, CvMeasure measure) {
    RunWriter out = RunWriter.open(dir, RunKind.GRID);
    GridSearchCV<NetworkClassifier> search = GridSearchCV.builder(MlpGrid.builder(base())
        .lambdas(1e-4, 1e-2, 0.3).dropouts(0, 0.2).build())
        .resampling(Resampling.kFold(3, 0)).measure(measure).threads(2).build();
    GridSearchCV.Result<NetworkClassifier> r = search.crossValidate(DIGITS);
    GridFiles.write(out, search, r, Map.of("hidden_layers", List.of(8)));
    out.metrics(Map.of("chosen", r.chosenIndex()));
    out.finish(RunInfo.of(RunKind.GRID, "grid", List.of("--out", dir.toString()),
        OptionalLong.of(1), 2, Optional.empty(), Instant.now(), search.settings()));
    return r;
  }
}
