#!/usr/bin/env bash
# Issue 10.7: tikhonov's SparkElasticNetCV (100 λ, 10 folds, one pass) beside MLlib's
# CrossValidator(LinearRegression(elasticNetParam = 1)) over the same λ as regParam and the same
# folds, in one local[2] session (dev.tikhonov.spark.CrossValidatorBench, in the spark module's
# test sources; CI never runs it). Prints both times, the ratio and each side's distance to the
# exact path. docs/spark.md, "Benchmark", has the figures measured with it.
#
# Usage: bench/spark-cv.sh [--data synthetic|DIR] [--n N --p P] [--grid G] [--partitions P]
#   --data  synthetic (default: n = 100,000, p = 200, generated in process) or a directory with
#           X.f64, y.f64, foldid.i32, meta.json (e.g. /var/tmp/peers-data/synth, n = 10,000,
#           p = 1,000, built by ../shared/peers/setup.sh)
#   --grid  how many of the 100 λ CrossValidator runs (default 10; its time is linear in them,
#           and the time for all is projected from these); --grid 100 runs them all
# bench/spark-cv.sh --cost [DIR]: instead, the rates of docs/spark.md's cost model (the pass's
#   per-row update on one thread, the driver's paths from statistics) on the peers' synth set.
# Environment: SPARK_BENCH_HEAP (default 6g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -o -pl spark -am test-compile dependency:build-classpath -Dmdep.outputFile="$cpfile" \
  -Dmdep.includeScope=test -Dmaven.javadoc.skip=true >&2
# Spark's Java 17 flags, as the module's surefire argLine (spark/pom.xml).
opens="$(sed -n '/<spark.extraJavaTestArgs>/,/<\/spark.extraJavaTestArgs>/p' spark/pom.xml \
  | sed -e 's/<[^>]*>//g' | tr -s ' \n' ' ')"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export SPARK_LOCAL_IP=127.0.0.1
main=dev.tikhonov.spark.CrossValidatorBench
if [ "${1:-}" = "--cost" ]; then
  main=dev.tikhonov.spark.StatisticsCostBench
  shift
fi
# shellcheck disable=SC2086
exec java -Xmx"${SPARK_BENCH_HEAP:-6g}" $opens \
  -cp "$root/spark/target/test-classes:$root/spark/target/classes:$(cat "$cpfile")" \
  "$main" "$@"
