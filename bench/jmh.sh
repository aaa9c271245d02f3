#!/usr/bin/env bash
# Runs the JMH benchmarks of the bench module: bench/jmh.sh [JMH options], e.g.
#   bench/jmh.sh KernelBenchmarks.sgemmSquare -p n=1024 -p threads=2
#   bench/jmh.sh -l            (list)
# Compiles the module (and core) first; `mvn verify` only compiles and smoke-tests the benchmarks.
# The classpath comes from the reactor (core's classes), so nothing needs installing into ~/.m2.
# JMH_CORE=path/to/tikhonov.jar times the same benchmarks against another build's core (e.g. a
# saved jar of the commit before a change), for before/after figures from one benchmark source.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -pl bench -am compile dependency:build-classpath -Dmdep.outputFile="$cpfile" \
  -Dmdep.includeScope=runtime >&2
deps="$(cat "$cpfile")"
if [ -n "${JMH_CORE:-}" ]; then
  deps="$JMH_CORE:$(tr ':' '\n' <<< "$deps" | grep -v '/core/target/classes$' | paste -sd:)"
fi
exec java -cp "$root/bench/target/classes:$deps" org.openjdk.jmh.Main "$@"
