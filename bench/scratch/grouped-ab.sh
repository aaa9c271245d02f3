#!/usr/bin/env bash
# Two builds of tikhonov, alternating, on bench/scratch/GroupedPasses.java (the grouped
# multinomial lasso's passes and seconds; docs/performance-log.md):
#   bench/scratch/grouped-ab.sh BEFORE_JAR AFTER_JAR ROUNDS REPEATS cv|nocv FILE:TARGET...
# with JAVA_OPTS for -Dtols=… and -Dwarmup=…; each round runs before, then after.
set -eu
before=$1; after=$2; rounds=$3; shift 3
classes=$(mktemp -d)
javac -cp "$before" -d "$classes" "$(dirname "$0")/GroupedPasses.java"
for i in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    java ${JAVA_OPTS:-} -cp "$classes:$jar" GroupedPasses "$side" "$@"
  done
done
