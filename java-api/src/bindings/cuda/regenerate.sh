#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the checked-in CUDA bindings of java-api (dev.gatun.internal.cuda) with Gatun's own
# generator from the toolkit's headers: CudaDriver (cuda.h), Nvrtc (nvrtc.h), Cublas (cublas_v2.h),
# Cufft (cufft.h). CUDA_INCLUDE defaults to $CUDA_HOME/include or /usr/local/cuda/include.
#   java-api/src/bindings/cuda/regenerate.sh [CudaDriver Nvrtc ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
include=${CUDA_INCLUDE:-${CUDA_HOME:-/usr/local/cuda}/include}
out="$root/java-api/src/main/java"
# Generate into a scratch directory first: writing into java-api would make bin/gatun rebuild between libraries.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
names=("$@"); [ ${#names[@]} -gt 0 ] || names=(CudaDriver Nvrtc Cublas Cufft)
for n in "${names[@]}"; do
    args=()
    while IFS= read -r line; do
      case "$line" in ''|'#'*) continue ;; esac
      line=${line//\$CUDA_INCLUDE/$include}
      args+=("${line//\$HERE/$here}")
    done < "$here/$n.args"
    "$root/bin/gatun" wrap -d "$tmp" "${args[@]}"
done
cp -r "$tmp"/. "$out"/
