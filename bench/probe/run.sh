#!/usr/bin/env bash
# One probe round over 10 000 simulated loopback nodes; prints the round time and its ratio to the ideal
# Σlatency / concurrency. Arguments: [nodes] [concurrency] (default 10 000 and 64, the Hub's mmc.probe.concurrency).
# On a 2-core machine the JDK's common pool has parallelism 1, and java.net.http then starts a thread for
# every completed response; a parallelism of 2 keeps the client on pooled threads (the launcher sets it too).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mkdir -p bench/out
./mvnw -B -q -pl gpu-tasks,node-agent,probe-runner -am -DskipTests install
java -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -cp "probe-runner/target/classes:probe-runner/target/test-classes:gpu-tasks/target/classes" \
  network.mmc.probe.ProbeRoundBenchmark "${1:-10000}" "${2:-64}" | tee -a bench/out/probe.txt
