#!/usr/bin/env bash
# Merkle tree of 1 000 000 leaves with every proof vs 2 000 000 bare SHA-256 hashes, in one run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mkdir -p bench/out
./mvnw -B -q -pl rewards-export -am -DskipTests install
# a heap touched up front keeps first-touch page faults of the large arrays out of the timings
MAVEN_OPTS="-Xms2g -Xmx2g -XX:+AlwaysPreTouch" ./mvnw -B -q -pl rewards-export test-compile exec:java@bench -Dexec.args="${1:-1000000}" | tee -a bench/out/merkle.txt
