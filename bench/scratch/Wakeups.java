import java.util.concurrent.locks.LockSupport;

/**
 * What a nap and a wake-up cost on this machine (docs/performance-log.md, issue 13's ninth session,
 * and train/Waiter): how long LockSupport.parkNanos(20 µs) really sleeps, and how long a parked
 * thread takes to run after another thread unparks it:
 *   javac -d /tmp/wk bench/scratch/Wakeups.java && java -cp /tmp/wk Wakeups
 */
public class Wakeups {
  static volatile long sent;
  static volatile long seen;

  public static void main(String[] a) throws Exception {
    long[] nap = new long[2000];
    for (int i = 0; i < nap.length; i++) {
      long t0 = System.nanoTime();
      LockSupport.parkNanos(20_000);
      nap[i] = System.nanoTime() - t0;
    }
    report("parkNanos(20 us) slept", nap);
    int n = 2000;
    long[] lat = new long[n];
    Thread t = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        while (sent == 0) {
          LockSupport.park();
        }
        lat[i] = System.nanoTime() - sent;
        sent = 0;
        seen = i + 1;
      }
    });
    t.start();
    for (int i = 0; i < n; i++) {
      long s0 = System.nanoTime();
      while (System.nanoTime() - s0 < 300_000) {
        Thread.onSpinWait(); // long enough for the other thread to park
      }
      sent = System.nanoTime();
      LockSupport.unpark(t);
      while (seen != i + 1) {
        Thread.onSpinWait();
      }
    }
    t.join();
    report("unpark to running", lat);
  }

  static void report(String what, long[] ns) {
    java.util.Arrays.sort(ns);
    int n = ns.length;
    System.out.printf("%s: median %.1f us, p90 %.1f, p99 %.1f, max %.1f%n", what,
        ns[n / 2] / 1e3, ns[n * 9 / 10] / 1e3, ns[n * 99 / 100] / 1e3, ns[n - 1] / 1e3);
  }
}
