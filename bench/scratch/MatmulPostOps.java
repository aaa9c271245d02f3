import static org.bytedeco.dnnl.global.dnnl.*;

import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Transpose;
import org.bytedeco.dnnl.*;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;

/**
 * The forward layer of the MLP's step on one core, two ways: Blas.gemm (oneDNN's dnnl_sgemm)
 * then Kernels.addRowVectorRelu, against oneDNN's matmul primitive with the bias and a ReLU
 * post-op, which never makes a second pass over the output. Prints µs per call for the step's
 * two ReLU layers at 64 rows (one thread's part), and the largest difference of the outputs
 * (docs/performance-log.md, issue 13's sixth session: what fusing the element-wise passes
 * could buy):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/mm bench/scratch/MatmulPostOps.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
 *     java -Dtikhonov.threads=1 -cp /tmp/mm:cli/target/tikhonov.jar MatmulPostOps
 */
public class MatmulPostOps {
  static void check(int status, String what) {
    if (status != dnnl_success) {
      throw new IllegalStateException(what + ": oneDNN status " + status);
    }
  }

  static dnnl_memory_desc md(long rows, long cols) {
    dnnl_memory_desc m = new dnnl_memory_desc();
    check(dnnl_memory_desc_create_with_tag(m, 2, new long[] {rows, cols}, dnnl_f32, dnnl_ab),
        "memory desc");
    return m;
  }

  /**
   * The four arguments of a matmul with bias (source, weights, bias, destination), each a new
   * memory object over the matrix's own storage; position 0.
   */
  static dnnl_exec_arg_t matmulArgs(dnnl_engine engine, dnnl_memory_desc srcMd,
      dnnl_memory_desc weiMd, dnnl_memory_desc biasMd, dnnl_memory_desc dstMd, Matrix x,
      Matrix w, Matrix bias, Matrix out) {
    int[] names = {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST};
    dnnl_memory_desc[] mds = {srcMd, weiMd, biasMd, dstMd};
    Matrix[] data = {x, w, bias, out};
    dnnl_exec_arg_t args = new dnnl_exec_arg_t(4);
    for (int i = 0; i < 4; i++) {
      dnnl_memory memory = new dnnl_memory();
      check(dnnl_memory_create(memory, mds[i], engine, new FloatPointer(data[i].buffer())),
          "memory " + i);
      args.position(i).arg(names[i]).memory(memory);
    }
    return args.position(0);
  }

  static Matrix random(int r, int c, long seed) {
    java.util.Random g = new java.util.Random(seed);
    Matrix m = Matrix.zeros(r, c);
    for (int i = 0; i < m.size(); i++) {
      m.put(i, (float) g.nextGaussian() * 0.1f);
    }
    return m;
  }

  public static void main(String[] a) {
    Blas.setThreads(1);
    Loader.load(org.bytedeco.dnnl.global.dnnl.class);
    dnnl_engine engine = new dnnl_engine();
    check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine");
    dnnl_stream stream = new dnnl_stream();
    check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream");
    int rows = 64;
    int[][] shapes = {{784, 256}, {256, 128}};
    for (int[] s : shapes) {
      int k = s[0];
      int n = s[1];
      Matrix x = random(rows, k, 1);
      Matrix w = random(k, n, 2);
      Matrix bias = random(1, n, 3);
      Matrix outA = Matrix.zeros(rows, n);
      Matrix outB = Matrix.zeros(rows, n);

      dnnl_post_ops ops = new dnnl_post_ops();
      check(dnnl_post_ops_create(ops), "post ops");
      check(dnnl_post_ops_append_eltwise(ops, dnnl_eltwise_relu, 0f, 0f), "relu");
      dnnl_primitive_attr attr = new dnnl_primitive_attr();
      check(dnnl_primitive_attr_create(attr), "attr");
      check(dnnl_primitive_attr_set_post_ops(attr, ops), "set post ops");
      dnnl_memory_desc srcMd = md(rows, k);
      dnnl_memory_desc weiMd = md(k, n);
      dnnl_memory_desc biasMd = md(1, n);
      dnnl_memory_desc dstMd = md(rows, n);
      dnnl_primitive_desc pd = new dnnl_primitive_desc();
      check(dnnl_matmul_primitive_desc_create(pd, engine, srcMd, weiMd, biasMd, dstMd, attr),
          "matmul desc");
      dnnl_primitive matmul = new dnnl_primitive();
      check(dnnl_primitive_create(matmul, pd), "matmul");
      dnnl_exec_arg_t args = matmulArgs(engine, srcMd, weiMd, biasMd, dstMd, x, w, bias, outB);

      int calls = 3000;
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c++) {
          Blas.gemm(Transpose.NO, Transpose.NO, 1f, x, w, 0f, outA);
          Kernels.addRowVectorRelu(bias, outA);
        }
        long t1 = System.nanoTime();
        for (int c = 0; c < calls; c++) {
          check(dnnl_primitive_execute(matmul, stream, 4, args), "execute");
          check(dnnl_stream_wait(stream), "wait");
        }
        long t2 = System.nanoTime();
        double diff = 0;
        for (int i = 0; i < outA.size(); i++) {
          diff = Math.max(diff, Math.abs(outA.at(i) - outB.at(i)));
        }
        System.out.printf("%dx%d·%dx%d: sgemm + bias/ReLU pass %.1f µs, matmul with post-ops %.1f µs"
            + " (max |difference| %.2g)%n", rows, k, k, n, (t1 - t0) / 1e3 / calls,
            (t2 - t1) / 1e3 / calls, diff);
      }
    }
  }
}
