#!/usr/bin/env bash
# One probe round over 10 000 simulated loopback nodes; prints the round time and its ratio to the ideal
# Σlatency / concurrency. Arguments: [nodes] [concurrency] (default 10 000 and 64, the Hub's mmc.probe.concurrency).
# Each probe in flight has a thread of its own (connect to the checked address, wait, verify).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mkdir -p bench/out
./mvnw -B -q -pl gpu-tasks,node-agent,probe-runner -am -DskipTests install
java -cp "probe-runner/target/classes:probe-runner/target/test-classes:gpu-tasks/target/classes" \
  network.mmc.probe.ProbeRoundBenchmark "${1:-10000}" "${2:-64}" | tee -a bench/out/probe.txt
