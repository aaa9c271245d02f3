#!/usr/bin/env bash
# Runs the JMH benchmarks of the bench module: bench/jmh.sh [JMH options], e.g.
#   bench/jmh.sh KernelBenchmarks.sgemmSquare -p n=1024 -p threads=2
#   bench/jmh.sh -l            (list)
# Builds the module (and core) first; `mvn verify` only compiles and smoke-tests the benchmarks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -o -pl bench -am install -DskipTests -Dmaven.install.skip=true >&2
cp="$root/bench/target/classes:$root/core/target/classes:$(mvn -q -B -o -pl bench dependency:build-classpath \
  -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null | tail -1)"
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
