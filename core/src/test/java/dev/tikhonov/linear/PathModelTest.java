package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.Task;
import org.junit.jupiter.api.Test;

class PathModelTest {
  @Test
  void gaussianFitAtOneLambda_predictsWhatThePathPredicts() {
    Dataset d = Synthetic.makeRegression(120, 8, 3, 0.5, 4).data();
    double[][] x = new double[d.size()][d.numFeatures()];
    double[] y = new double[d.size()];
    for (int i = 0; i < d.size(); i++) {
      y[i] = d.target(i);
      for (int j = 0; j < d.numFeatures(); j++) {
        x[i][j] = d.features().get(i, j);
      }
    }
    PathSolution path = ElasticNetPath.fit(x, y, PathSettings.of(0.5).withStandardize(true),
        d.featureNames());
    for (int l : new int[] {0, path.size() / 2, path.size() - 1}) {
      Model model = PathModel.at(path, l);
      assertEquals(Task.REGRESSION, model.spec().task());
      Matrix out = model.predict(d.features());
      double[][] eta = path.linearPredictor(x, l);
      for (int i = 0; i < d.size(); i++) {
        assertEquals(eta[i][0], out.at(i), 1e-4 * (1 + Math.abs(eta[i][0])), "row " + i);
      }
    }
  }
}
