#!/usr/bin/env bash
# The GPU checks and the kernel benchmark in one go, on a machine with an NVIDIA driver:
#   1. the gpu-tasks tests (GPU tests run: GPU and CPU products bit-identical, Freivalds passes),
#   2. KernelBenchmark at n = k = 4096 (override with the first argument): GFLOPS and ratio to FP32 peak,
#   3. a probe round over HTTP against a node task server computing on the GPU.
# Uses .gpu-run/ when bench/gpu-bundle.sh has made it (machines without a JDK or Maven), else Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-4096}"
cd "$root"
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,memory.total --format=csv 2>/dev/null || echo "nvidia-smi: not found"
if [ -x "$root/.gpu-run/jre/bin/java" ]; then
  java="$root/.gpu-run/jre/bin/java"
  cp="$root/.gpu-run/lib/*"
  "$java" -jar "$root"/.gpu-run/launcher/junit-platform-console-standalone-*.jar execute \
    --class-path "$(echo "$root"/.gpu-run/lib/*.jar | tr ' ' ':')" --select-package network.mmc.gpu \
    --details tree --disable-banner --disable-ansi-colors
  "$java" -cp "$cp" network.mmc.gpu.KernelBenchmark "$n"
  "$java" -cp "$cp" network.mmc.probe.GpuProbeCheck
else
  ./mvnw -B -pl gpu-tasks test
  ./mvnw -B -q -pl gpu-tasks exec:java@bench -Dexec.args="$n"
  ./mvnw -B -q -pl probe-runner test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=network.mmc.probe.GpuProbeCheck
fi
