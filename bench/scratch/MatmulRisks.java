import static org.bytedeco.dnnl.global.dnnl.*;
import dev.tikhonov.tensor.*;
import org.bytedeco.dnnl.*;
import org.bytedeco.javacpp.*;

/**
 * Two checks before oneDNN's matmul primitive with a ReLU post-op may replace the step's gemm +
 * bias/ReLU pass (bench/scratch/MatmulPostOps.java): does a NaN in the input or the weight reach
 * the output (the trainer's divergence check needs it to), and does one primitive executed from
 * two threads at once give each thread the bits it gives alone? Also times a call that creates
 * and destroys its stream and memory objects (docs/performance-log.md, issue 13's sixth session):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/mm2 bench/scratch/MatmulRisks.java \
 *     bench/scratch/MatmulPostOps.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
 *     java -cp /tmp/mm2:cli/target/tikhonov.jar MatmulRisks
 */
public class MatmulRisks {
  static void check(int s, String w) { MatmulPostOps.check(s, w); }
  static dnnl_memory_desc md(long r, long c) { return MatmulPostOps.md(r, c); }
  static dnnl_engine engine;
  static dnnl_primitive prim; static dnnl_memory_desc srcMd, weiMd, biasMd, dstMd;
  static void run(Matrix x, Matrix w, Matrix b, Matrix out) {
    dnnl_stream stream = new dnnl_stream();
    check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream");
    dnnl_exec_arg_t args = MatmulPostOps.matmulArgs(engine, srcMd, weiMd, biasMd, dstMd, x, w, b, out);
    check(dnnl_primitive_execute(prim, stream, 4, args.position(0)), "exec");
    check(dnnl_stream_wait(stream), "wait");
    for (int i = 0; i < 4; i++) dnnl_memory_destroy(args.position(i).memory());
    dnnl_stream_destroy(stream);
    args.close();
  }
  public static void main(String[] a) throws Exception {
    Blas.setThreads(1);
    Loader.load(org.bytedeco.dnnl.global.dnnl.class);
    engine = new dnnl_engine(); check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine");
    int m = 64, k = 784, n = 256;
    dnnl_post_ops ops = new dnnl_post_ops(); check(dnnl_post_ops_create(ops), "po");
    check(dnnl_post_ops_append_eltwise(ops, dnnl_eltwise_relu, 0f, 0f), "relu");
    dnnl_primitive_attr attr = new dnnl_primitive_attr(); check(dnnl_primitive_attr_create(attr), "attr");
    check(dnnl_primitive_attr_set_post_ops(attr, ops), "set");
    srcMd = md(m, k); weiMd = md(k, n); biasMd = md(1, n); dstMd = md(m, n);
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    check(dnnl_matmul_primitive_desc_create(pd, engine, srcMd, weiMd, biasMd, dstMd, attr), "pd");
    prim = new dnnl_primitive(); check(dnnl_primitive_create(prim, pd), "prim");
    java.util.Random g = new java.util.Random(1);
    Matrix x = Matrix.zeros(m, k), w = Matrix.zeros(k, n), b = Matrix.zeros(1, n), out = Matrix.zeros(m, n);
    for (int i = 0; i < x.size(); i++) x.put(i, (float) g.nextGaussian());
    for (int i = 0; i < w.size(); i++) w.put(i, (float) g.nextGaussian() * 0.05f);
    for (int i = 0; i < b.size(); i++) b.put(i, (float) g.nextGaussian() * 0.1f);
    // 1. NaN: one NaN input row and a NaN weight column
    x.put(5 * k + 3, Float.NaN);
    run(x, w, b, out);
    int nanRow = 0; for (int j = 0; j < n; j++) if (Float.isNaN(out.get(5, j))) nanRow++;
    System.out.println("NaN in input row 5 -> NaN outputs in row 5: " + nanRow + " of " + n);
    x.put(5 * k + 3, 0f); w.put(7 * n + 11, Float.NaN);
    run(x, w, b, out);
    int nanCol = 0; for (int i = 0; i < m; i++) if (Float.isNaN(out.get(i, 11))) nanCol++;
    System.out.println("NaN weight (7, 11) -> NaN outputs in column 11: " + nanCol + " of " + m);
    w.put(7 * n + 11, 0.01f);
    // 2. per-call creation cost
    for (int r = 0; r < 3; r++) { long t0 = System.nanoTime(); for (int c = 0; c < 3000; c++) run(x, w, b, out); System.out.printf("per call with create/destroy: %.1f us%n", (System.nanoTime() - t0) / 3e6); }
    // 3. concurrent execution of one primitive
    Matrix ref = Matrix.zeros(m, n); run(x, w, b, ref);
    Matrix[] xs = new Matrix[2], outs = new Matrix[2], refs = new Matrix[2];
    for (int t = 0; t < 2; t++) { xs[t] = Matrix.zeros(m, k); for (int i = 0; i < xs[t].size(); i++) xs[t].put(i, (float) g.nextGaussian()); outs[t] = Matrix.zeros(m, n); refs[t] = Matrix.zeros(m, n); run(xs[t], w, b, refs[t]); }
    int seqBad = 0;
    for (int c = 0; c < 2000; c++) { run(xs[c % 2], w, b, outs[c % 2]); for (int i = 0; i < outs[c % 2].size(); i++) if (Float.floatToRawIntBits(outs[c % 2].at(i)) != Float.floatToRawIntBits(refs[c % 2].at(i))) { seqBad++; break; } }
    System.out.println("sequential runs on one thread that differed: " + seqBad + " of 2000");
    int[] bad = new int[2];
    Thread[] th = new Thread[2];
    for (int t = 0; t < 2; t++) { int me = t; th[t] = new Thread(() -> { for (int c = 0; c < 5000; c++) { run(xs[me], w, b, outs[me]); for (int i = 0; i < outs[me].size(); i++) if (Float.floatToRawIntBits(outs[me].at(i)) != Float.floatToRawIntBits(refs[me].at(i))) { bad[me]++; break; } } }); th[t].start(); }
    for (Thread t : th) t.join();
    double worst = 0; for (int t = 0; t < 2; t++) for (int i = 0; i < outs[t].size(); i++) worst = Math.max(worst, Math.abs(outs[t].at(i) - refs[t].at(i)));
    System.out.println("largest |difference| after the concurrent runs: " + worst);
    System.out.println("concurrent runs that differed from the single-thread bits: " + bad[0] + ", " + bad[1] + " of 5000 each");
  }
}
