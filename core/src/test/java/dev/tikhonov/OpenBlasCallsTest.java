package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS's BLAS and LAPACKE calls are made by {@code dev.tikhonov.tensor.Blas} or inside a
 * lambda handed to {@code Blas.run}/{@code Blas.call}, which run them at the calling thread's
 * worker count (their bits depend on it; DoublePrecisionRoutesTest). A call made straight from
 * a method elsewhere runs at whatever count another thread left. ArchUnit counts a lambda's
 * calls as its enclosing method's, so the rule reads: outside the tensor package, a method calls
 * OpenBLAS exactly as many times as it calls Blas.run or Blas.call (each lambda there holds one
 * OpenBLAS call). Checked to fail: with one call unwrapped, its method is reported.
 */
class OpenBlasCallsTest {
  private static final String OPENBLAS = "org.bytedeco.openblas.global.openblas";
  private static final String BLAS = "dev.tikhonov.tensor.Blas";

  @Test
  void openBlasCalls_outsideTensor_areEachMadeInsideBlasRunOrCall() throws Exception {
    Map<String, int[]> byMethod = new TreeMap<>(); // {OpenBLAS calls, Blas.run/call calls}
    for (JavaClass c : LayeringTest.coreClasses()) {
      if (c.getPackageName().startsWith("dev.tikhonov.tensor")) {
        continue;
      }
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        String target = call.getTargetOwner().getName();
        String name = call.getName();
        String method = c.getSimpleName() + "." + call.getOrigin().getName();
        if (target.equals(OPENBLAS) && (name.startsWith("cblas_") || name.startsWith("LAPACKE_"))) {
          byMethod.computeIfAbsent(method, k -> new int[2])[0]++;
        } else if (target.equals(BLAS) && (name.equals("run") || name.equals("call"))) {
          byMethod.computeIfAbsent(method, k -> new int[2])[1]++;
        }
      }
    }
    int calls = 0;
    List<String> unwrapped = new ArrayList<>();
    for (Map.Entry<String, int[]> e : byMethod.entrySet()) {
      int[] n = e.getValue();
      calls += n[0];
      if (n[0] != n[1]) {
        unwrapped.add(e.getKey() + ": " + n[0] + " OpenBLAS calls, " + n[1] + " Blas.run/call");
      }
    }
    assertTrue(calls >= 35, "found only " + calls + " OpenBLAS calls");
    assertEquals(List.of(), unwrapped, "OpenBLAS calls outside Blas.run/Blas.call");
  }
}
