package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import org.junit.jupiter.api.Test;

/** The float32 network a linear model is exported as predicts what the model predicts. */
class ExportTest {
  @Test
  void gaussianNetwork_predictsTheLinearModelsValues() {
    Dataset d = Synthetic.makeRegression(120, 8, 3, 0.5, 4).data();
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(0.5).build().path(d);
    for (int l : new int[] {0, path.size() / 2, path.size() - 1}) {
      LinearModel m = path.atIndex(l);
      Matrix out = Export.network(m).predict(d.features());
      double[] y = m.predict(d);
      for (int i = 0; i < d.size(); i++) {
        assertEquals(y[i], out.at(i), 1e-4 * (1 + Math.abs(y[i])), "row " + i);
      }
    }
  }

  @Test
  void classifierNetworks_giveTheSameProbabilities() {
    for (int classes : new int[] {2, 4}) {
      Dataset d = Synthetic.makeClassification(150, 5, 3, classes, classes);
      LinearClassifier m = (classes == 2 ? ElasticNet.binomial() : ElasticNet.multinomial())
          .lambda(0.01).build().fit(d);
      Model net = Export.network(m);
      double[][] p = m.predictProba(d);
      double[][] q = NetworkClassifier.softmax(net.predict(d.features()));
      for (int i = 0; i < p.length; i++) {
        for (int k = 0; k < classes; k++) {
          assertEquals(p[i][k], q[i][k], 1e-5, "row " + i + ", class " + k);
        }
      }
    }
  }
}
