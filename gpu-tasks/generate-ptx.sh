#!/usr/bin/env bash
# Regenerates the committed PTX from src/main/cuda/*.cu (needs nvcc; no GPU needed).
# compute_80 PTX is JIT-compiled by the driver for Ampere, Ada and Hopper cards. nvcc 13 stamps
# ".version 9.0", which only CUDA 13 drivers accept; the kernels use no instruction newer than
# PTX ISA 7.0, so the stamp is lowered to 7.0 for operators on older drivers (e.g. 535), and
# ptxas checks that the lowered file still assembles.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
resources="$here/src/main/resources/network/mmc/gpu"
for kernel in sgemm:sgemm.ptx mlp_train:training/mlp_train.ptx; do
    source="$here/src/main/cuda/${kernel%%:*}.cu"
    out="$resources/${kernel#*:}"
    nvcc -ptx -arch=compute_80 -O3 -o "$out" "$source"
    sed -i -E 's/^\.version [0-9]+\.[0-9]+$/.version 7.0/' "$out"
    ptxas -arch=sm_80 -o /dev/null "$out"
    echo "wrote $out"
done
