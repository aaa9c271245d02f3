/**
 * How often, and for how long, a spinning thread loses its core (gaps in System.nanoTime() of
 * more than 20 µs), on each of N threads for S seconds (docs/performance-log.md, issue 13's ninth
 * session):
 *   javac -d /tmp/gaps bench/scratch/Gaps.java && java -cp /tmp/gaps Gaps 2 5
 */
public class Gaps {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]);
    long dur = (long) (Double.parseDouble(a[1]) * 1e9);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int me = t;
      ts[t] = new Thread(() -> {
        long start = System.nanoTime(), prev = start, n = 0, tot = 0, big = 0, bigTot = 0, max = 0;
        long[] hist = new long[8];
        while (prev - start < dur) {
          long now = System.nanoTime();
          long g = now - prev;
          if (g > 20_000) {
            n++; tot += g; max = Math.max(max, g);
            int b = g < 50_000 ? 0 : g < 100_000 ? 1 : g < 200_000 ? 2 : g < 500_000 ? 3 : g < 1_000_000 ? 4 : g < 2_000_000 ? 5 : g < 5_000_000 ? 6 : 7;
            hist[b]++;
          }
          prev = now;
        }
        System.out.printf("thread %d: %d gaps > 20us, %.1f ms total of %.1f s (%.2f %%), max %.2f ms; <50us %d, <100 %d, <200 %d, <500 %d, <1ms %d, <2ms %d, <5ms %d, more %d%n",
            me, n, tot / 1e6, dur / 1e9, 100.0 * tot / dur, max / 1e6, hist[0], hist[1], hist[2], hist[3], hist[4], hist[5], hist[6], hist[7]);
      });
      ts[t].start();
    }
    for (Thread x : ts) x.join();
  }
}
