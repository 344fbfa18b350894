#!/usr/bin/env bash
# Packs what bench/gpu.sh needs into .gpu-run/ for a GPU machine that has neither a JDK nor Maven
# access (the lent device machines): a trimmed Java runtime (jlink), the gpu-tasks classes and tests,
# JCuda with its natives, AssertJ, the JUnit console launcher, and the node task server and probe runner
# for the GPU probe check. Run it here, where Maven works.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.gpu-run"
cd "$root"
./mvnw -B -q -pl gpu-tasks,node-agent,probe-runner -am -DskipTests install
./mvnw -B -q -pl gpu-tasks dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/gpu-tasks/target/test-classpath.txt"
./mvnw -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:6.0.3 \
  -DoutputDirectory="$out/launcher"
rm -rf "$out/jre" "$out/lib"
mkdir -p "$out/lib"
tr ':' '\n' < gpu-tasks/target/test-classpath.txt | grep -v -E 'byte-buddy|jspecify|junit|opentest4j|apiguardian' | xargs -I{} cp {} "$out/lib/"
cp gpu-tasks/target/gpu-tasks-*.jar "$out/lib/"
(cd gpu-tasks/target/test-classes && jar cf "$out/lib/gpu-tasks-tests.jar" .)
cp node-agent/target/node-agent-*.jar probe-runner/target/probe-runner-*.jar "$out/lib/"
(cd probe-runner/target/test-classes && jar cf "$out/lib/probe-runner-tests.jar" network/mmc/probe/GpuProbeCheck.class)
jlink --add-modules java.base,java.logging,java.management,java.xml,jdk.unsupported,java.instrument,jdk.zipfs,jdk.httpserver,java.net.http \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/jre"
du -sh "$out"
