package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merge tree is fixed by the number of partitions and the depth: a non-associative,
 * non-commutative ⊕ that writes its brackets shows the whole tree.
 */
class OrderedTreeAggregateTest {
  private static JavaSparkContext context;

  @BeforeAll
  static void start() {
    SparkSession spark = TestSpark.session("local[2]");
    context = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  private static String bracketed(int partitions, int depth) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      names.add(Integer.toString(i));
    }
    JavaRDD<String> values = context.parallelize(names, partitions);
    return OrderedTreeAggregate.reduce(values, (a, b) -> "(" + a + "+" + b + ")", "none",
        depth);
  }

  @Test
  void reduce_sixteenPartitionsDepthTwo_foldsGroupsOfFourThenTheGroups() throws Exception {
    String group0 = "(((0+1)+2)+3)";
    String group1 = "(((4+5)+6)+7)";
    String group2 = "(((8+9)+10)+11)";
    String group3 = "(((12+13)+14)+15)";
    assertEquals("(((" + group0 + "+" + group1 + ")+" + group2 + ")+" + group3 + ")",
        bracketed(16, 2));
  }

  @Test
  void reduce_fewPartitions_foldsLeftToRightOnTheDriver() throws Exception {
    assertEquals("(((0+1)+2)+3)", bracketed(4, 2));
    assertEquals("0", bracketed(1, 2));
    assertEquals("none", OrderedTreeAggregate.reduce(context.<String>emptyRDD(),
        (a, b) -> a + b, "none", 2));
  }

  @Test
  void reduce_depthThree_addsALevel() throws Exception {
    // 27 partitions, depth 3: fan-in 3; 27 → 9 groups → 3 groups, then the driver.
    java.util.function.IntFunction<String> leaf = i -> "((" + 3 * i + "+" + (3 * i + 1) + ")+"
        + (3 * i + 2) + ")";
    java.util.function.IntFunction<String> middle = g -> "((" + leaf.apply(3 * g) + "+"
        + leaf.apply(3 * g + 1) + ")+" + leaf.apply(3 * g + 2) + ")";
    assertEquals("((" + middle.apply(0) + "+" + middle.apply(1) + ")+" + middle.apply(2) + ")",
        bracketed(27, 3));
  }
}
