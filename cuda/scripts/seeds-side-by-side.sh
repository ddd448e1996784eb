#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The seeds' GPU tools beside Gatun, in one device call (issue 16): CuPy's cp.dot (n = 2048, 3000), the heat
# equation explicit (array slices) and spectral (cp.fft), integration2d as a numba.cuda kernel and as chunked CuPy
# arrays, and an empty cp.RawKernel launch (seeds_gpu_tools.py); Gatun's equivalents (SeedsGpuTimings.java).
# On the GPU machine, from the project root, after `./mvnw -q -B -DskipTests package` and ../shared/device/stage:
#   bash cuda/scripts/seeds-side-by-side.sh      (logs in $OUT, else /tmp/gatun-seeds-gpu)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${OUT:-/tmp/gatun-seeds-gpu}
mkdir -p "$out"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee /tmp/gatun-gpu-device.txt
PYTHONUNBUFFERED=1 timeout 300 python3 cuda/scripts/seeds_gpu_tools.py > "$out/python.log" 2>&1
timeout 300 bash .device/run dev.gatun.kernels.cuda.SeedsGpuTimings > "$out/gatun.log" 2>&1
value() { grep -h "^RESULT $1 " "$2" 2>/dev/null | awk '{print $3}' | tail -1; }
row() { # label, python name, gatun name, unit
  local p g
  p=$(value "$2" "$out/python.log"); g=$(value "$3" "$out/gatun.log")
  awk -v l="$1" -v p="$p" -v g="$g" -v u="$4" 'BEGIN {
    printf "%-44s %12s %12s %8s  %s\n", l, (p == "" ? "-" : p), (g == "" ? "-" : g), (p > 0 && g > 0 ? sprintf("%.2f", p / g) : "-"), u }'
}
echo "== the seeds' GPU tools vs Gatun on $(cat /tmp/gatun-gpu-device.txt)"
printf '%-44s %12s %12s %8s  %s\n' workload "CuPy/numba" Gatun "speedup" unit
row "cp.dot(matrix, vector), n = 2048" dot_n2048_us dot_n2048_us us
row "cp.dot(matrix, vector), n = 3000" dot_n3000_us dot_n3000_us us
row "heat explicit 4096^2, 100 steps (slices)" heat_explicit_n4096_s100_ms heat_explicit_n4096_s100_ms ms
row "heat spectral 4096^2 (cp.fft)" heat_spectral_n4096_ms heat_spectral_n4096_ms ms
row "integration2d n = 1e4, numba.cuda kernel" integration2d_numba_n10000_ms integration2d_gatun_n10000_ms ms
row "integration2d n = 1e5, numba.cuda kernel" integration2d_numba_n100000_ms integration2d_gatun_n100000_ms ms
row "integration2d n = 1e4, chunked CuPy" integration2d_cupy_n10000_ms integration2d_gatun_n10000_ms ms
row "integration2d n = 1e5, chunked CuPy" integration2d_cupy_n100000_ms integration2d_gatun_n100000_ms ms
row "empty kernel launch (cp.RawKernel)" empty_rawkernel_us empty_rawkernel_us us
grep -hE "unavailable|failed|FAILED|Error|Exception" "$out/python.log" "$out/gatun.log" | head -20
