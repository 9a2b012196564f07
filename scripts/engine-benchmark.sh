#!/usr/bin/env bash
# Runs the engine benchmark (plan size growth, apply scheduling, provider calls of a no-change
# plan) with a 256 MB heap, or BENCH_HEAP (for example 1g). Arguments are passed on: `plan [SIZES...]`, `apply [P...]` or `all`.
set -euo pipefail
cd "$(dirname "$0")/.."
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
./mvnw -B -q -pl state,provisioner -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test >/dev/null
exec java "-Xmx${BENCH_HEAP:-256m}" \
  -cp "provisioner/target/classes:provisioner/target/test-classes:$(cat "$classpath_file")" \
  dev.provisioner.bench.EngineBenchmark "${@:-all}"
