package dev.tikhonov.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Spark's {@code treeAggregate} with a merge order fixed by partition index, so that a
 * floating-point result is the same bits however the tasks are scheduled.
 *
 * <p><b>Why not {@code RDD.treeAggregate}.</b> It merges in arrival order twice: each tree level
 * is a {@code foldByKey} over a shuffle, which folds values in the order their blocks are
 * fetched, and the driver folds the last level's task results in the order the tasks finish.
 * Floating-point merging is not associative, so the bits of the result follow the timing
 * (SparkStatisticsPassTest measures it: the same statistics from two schedules differ).
 *
 * <p><b>What this does instead.</b> Given one value per partition i = 0..P−1, level by level:
 * partition i goes to group ⌊i/s⌋ (s = max(⌈P^(1/depth)⌉, 2), Spark's fan-in rule, and the same
 * rule for when another level stops paying), each group's values arrive sorted by index
 * ({@code repartitionAndSortWithinPartitions}: an external sort that spills rather than holding
 * the group in memory) and are folded left to right, ((v_0 ⊕ v_1) ⊕ v_2) ⊕ …; the driver
 * collects the last level in partition order ({@code collect} fills results by index, not by
 * arrival) and folds it left to right. The merge tree is a function of P and depth alone; every
 * value is computed in plain Java (strict IEEE 754 since Java 17, no FMA contraction, no
 * threads, no native BLAS whose kernels differ between CPUs), so a retried or speculative task
 * on any executor recomputes the same bits. The input is computed once (the first level's map
 * side); the levels above read only the partial results.
 *
 * <p>Stateless and thread-safe.
 */
final class OrderedTreeAggregate {
  private OrderedTreeAggregate() {}

  /**
   * Folds the values of {@code partials} — exactly one per partition — in partition order:
   * the result of {@code v_0 ⊕ v_1 ⊕ … ⊕ v_{P−1}} for a fixed bracketing.
   *
   * @param combine ⊕; it may return one of its arguments but must not modify them
   * @param none the result when {@code partials} has no partition at all
   * @param depth suggested depth of the tree (≥ 1), as {@code treeAggregate}'s
   */
  static <T> T reduce(JavaRDD<T> partials, Function2<T, T, T> combine, T none, int depth)
      throws Exception {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1, got " + depth);
    }
    int count = partials.getNumPartitions();
    if (count == 0) {
      return none;
    }
    JavaPairRDD<Integer, T> level = partials.mapPartitionsWithIndex(
        (index, values) -> single(index, values), true).mapToPair(t -> t);
    int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / depth)), 2);
    while (count > scale + (int) Math.ceil((double) count / scale)) {
      int groups = (count + scale - 1) / scale;
      level = level
          .repartitionAndSortWithinPartitions(new ContiguousPartitioner(groups, scale))
          .mapPartitionsWithIndex((group, values) -> foldInOrder(group, values, combine), true)
          .mapToPair(t -> t);
      count = groups;
    }
    List<Tuple2<Integer, T>> last = level.collect();
    T result = null;
    int expected = 0;
    for (Tuple2<Integer, T> value : last) {
      if (value._1() != expected++) {
        throw new IllegalStateException("partial results out of order: " + value._1());
      }
      result = result == null ? value._2() : combine.call(result, value._2());
    }
    return result;
  }

  private static <T> Iterator<Tuple2<Integer, T>> single(int index, Iterator<T> values) {
    if (!values.hasNext()) {
      throw new IllegalStateException("partition " + index + " has no partial result");
    }
    T value = values.next();
    if (values.hasNext()) {
      throw new IllegalStateException("partition " + index + " has more than one partial result");
    }
    return List.of(new Tuple2<>(index, value)).iterator();
  }

  private static <T> Iterator<Tuple2<Integer, T>> foldInOrder(int group,
      Iterator<Tuple2<Integer, T>> sorted, Function2<T, T, T> combine) throws Exception {
    T result = null;
    int previous = -1;
    while (sorted.hasNext()) {
      Tuple2<Integer, T> next = sorted.next();
      if (next._1() <= previous) {
        throw new IllegalStateException("partial results out of order in group " + group);
      }
      previous = next._1();
      result = result == null ? next._2() : combine.call(result, next._2());
    }
    if (result == null) {
      throw new IllegalStateException("group " + group + " received no partial result");
    }
    return List.of(new Tuple2<>(group, result)).iterator();
  }

  /** Index i → partition ⌊i/scale⌋: each group is a contiguous run of indices. */
  static final class ContiguousPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int groups;
    private final int scale;

    ContiguousPartitioner(int groups, int scale) {
      this.groups = groups;
      this.scale = scale;
    }

    @Override
    public int numPartitions() {
      return groups;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key / scale;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ContiguousPartitioner c && c.groups == groups && c.scale == scale;
    }

    @Override
    public int hashCode() {
      return 31 * groups + scale;
    }
  }
}
