#!/usr/bin/env bash
# One probe round at the production challenge size over simulated loopback nodes; prints the Hub's CPU per probe
# (challenge, answer, Freivalds), the latency floor Σlatency / concurrency, the CPU floor nodes × CPU per probe / cores,
# the round time and its ratio to the larger floor, and how many nodes one Hub core probes an hour.
# Arguments: [nodes] [concurrency] [n] [seeds] (default 10 000, 64 as mmc.probe.concurrency, 1024 as mmc.probe.n and k,
# and 4 distinct challenge seeds that the round repeats so the simulated nodes can answer from products computed once).
# A quick check: bench/probe/run.sh 500
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mkdir -p bench/out
./mvnw -B -o -q -pl probe-runner -am -DskipTests test-compile
{ date -u +"%Y-%m-%dT%H:%MZ"; java -cp "probe-runner/target/classes:probe-runner/target/test-classes:gpu-tasks/target/classes" \
  network.mmc.probe.ProbeRoundBenchmark "${1:-10000}" "${2:-64}" "${3:-1024}" "${4:-4}"; } | tee -a bench/out/probe.txt
