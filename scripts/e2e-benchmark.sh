#!/usr/bin/env bash
# Measures the main job end to end with the packaged CLI: the wall time of the first apply of
# stacks/sandbox.yaml and of the no-change plan after it, without and with injected ARM latency,
# and the CLI's peak memory (max RSS) during the apply, from GNU time (/usr/bin/time -v).
#
#   scripts/e2e-benchmark.sh [ROUNDS] [DELAY_MS]
#
# ROUNDS (default 3) fresh copies of stacks/ and modules/ are applied, planned and destroyed per
# case, and the median of each figure is printed as a Markdown table. DELAY_MS (default 200) is
# the latency added to every ARM request in the second case, through a sandbox fault file
# (PROVISIONER_SANDBOX_FAULTS). Release manifests come from PROVISIONER_MANIFEST_MIRROR, else
# from ../shared/fixtures beside the repository. The launcher's JVM options are used.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
delay_ms="${2:-200}"
mirror="${PROVISIONER_MANIFEST_MIRROR:-$root/../shared/fixtures}"
mirror="$(cd "$mirror" && pwd)"
time_cmd=/usr/bin/time
if ! "$time_cmd" -v true >/dev/null 2>&1; then
  echo "e2e-benchmark: GNU time is missing; install it (Debian: apt-get install time)." >&2
  exit 1
fi

# Builds the jar and the class-data sharing archive first, so no round pays for them.
"$root/bin/provisioner" --version >/dev/null

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
printf 'faults:\n  - { method: "*", path: ".", delayMs: %s }\n' "$delay_ms" >"$scratch/latency.yaml"

# Runs one CLI command under GNU time in folder $1; prints "<wall seconds> <max RSS kB>".
measure() {
  local folder="$1"
  shift
  local report="$scratch/time.txt"
  if ! (cd "$folder" && "$time_cmd" -v -o "$report" "$root/bin/provisioner" "$@" \
      --manifest-mirror "$mirror" >"$scratch/run.out" 2>&1); then
    echo "e2e-benchmark: 'provisioner $*' failed:" >&2
    cat "$scratch/run.out" >&2
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %d\n", s, rss }' "$report"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs ROUNDS of apply, no-change plan and destroy; $1 names the case, $2 the fault file or "".
run_case() {
  local name="$1" faults="$2"
  local applies=() plans=() rss=()
  for ((round = 1; round <= rounds; round++)); do
    local folder="$scratch/round"
    rm -rf "$folder"
    mkdir -p "$folder"
    cp -r "$root/stacks" "$root/modules" "$folder/"
    rm -rf "$folder/stacks/.provisioner"
    local apply plan
    apply="$(PROVISIONER_SANDBOX_FAULTS="$faults" measure "$folder" apply stacks/sandbox.yaml --auto-approve)"
    plan="$(PROVISIONER_SANDBOX_FAULTS="$faults" measure "$folder" plan stacks/sandbox.yaml --detailed-exitcode)"
    (cd "$folder" && "$root/bin/provisioner" destroy stacks/sandbox.yaml --auto-approve \
      --manifest-mirror "$mirror" >/dev/null 2>&1)
    applies+=("${apply% *}")
    rss+=("${apply#* }")
    plans+=("${plan% *}")
    echo "$name round $round: apply ${apply% *} s, max RSS ${apply#* } kB, plan ${plan% *} s" >&2
  done
  printf '| %s | %s s | %s s | %s MB |\n' "$name" \
    "$(printf '%s\n' "${applies[@]}" | median)" \
    "$(printf '%s\n' "${plans[@]}" | median)" \
    "$(printf '%s\n' "${rss[@]}" | median | awk '{ printf "%.0f", $1 / 1024 }')"
}

echo "| ARM latency | First apply (median wall) | No-change plan (median wall) | Apply max RSS (median) |"
echo "|---|---|---|---|"
run_case "none" ""
run_case "${delay_ms} ms per ARM request" "$scratch/latency.yaml"
