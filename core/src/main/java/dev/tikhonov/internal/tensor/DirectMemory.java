package dev.tikhonov.internal.tensor;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.tikhonov.tensor.Matrix;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The direct (off-heap) memory that {@link Matrix} storage comes from, as the JVM accounts it:
 * {@link #limit()} is {@code -XX:MaxDirectMemorySize}, which defaults to the heap limit
 * ({@code Runtime.maxMemory()}, i.e. {@code -Xmx}); {@link #reserved()} is what direct buffers
 * hold now (the "direct" buffer pool's total capacity, the figure the JVM compares with the
 * limit before it allocates). A {@code ByteBuffer.allocateDirect} beyond
 * {@code limit − reserved} fails with an OutOfMemoryError; the machine's physical memory
 * ({@link #physical()}) bounds it too. Stateless; thread-safe (the figures change as other
 * threads allocate).
 */
public final class DirectMemory {
  /** The largest float32 matrix one direct buffer holds: 2³¹ − 1 bytes. */
  public static final long MAX_MATRIX_BYTES = Integer.MAX_VALUE;

  private DirectMemory() {}

  /** The JVM's direct-memory limit in bytes. */
  public static long limit() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      long configured = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
      if (configured > 0) {
        return configured;
      }
    } catch (RuntimeException e) {
      // not a HotSpot JVM, or the option is unknown: the JDK's default applies
    }
    return Runtime.getRuntime().maxMemory();
  }

  /** Bytes held by direct buffers now. */
  public static long reserved() {
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        return pool.getTotalCapacity();
      }
    }
    return 0;
  }

  /** The machine's physical memory in bytes, or {@code Long.MAX_VALUE} when unknown. */
  public static long physical() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Long.MAX_VALUE;
  }

  /** What a new allocation may take: the smaller of the JVM's room and physical memory. */
  public static long available() {
    return Math.max(0, Math.min(limit() - reserved(), physical()));
  }

  /** Bytes as people read them: "3.6 GB", "940 MB", "12 kB" (powers of 1000). */
  public static String format(long bytes) {
    String[] units = {"bytes", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
