#!/usr/bin/env bash
# Regenerates the committed PTX from src/main/cuda/sgemm.cu (needs nvcc; no GPU needed).
# compute_80 PTX is JIT-compiled by the driver for Ampere, Ada and Hopper cards. nvcc 13 stamps
# ".version 9.0", which only CUDA 13 drivers accept; the kernel uses no instruction newer than
# PTX ISA 7.0, so the stamp is lowered to 7.0 for operators on older drivers (e.g. 535).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/src/main/resources/network/mmc/gpu/sgemm.ptx"
nvcc -ptx -arch=compute_80 -O3 -o "$out" "$here/src/main/cuda/sgemm.cu"
sed -i -E 's/^\.version [0-9]+\.[0-9]+$/.version 7.0/' "$out"
echo "wrote $out"
