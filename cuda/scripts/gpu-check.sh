#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Everything CUDA in one device call, with one summary table at the end. On the GPU machine, from the
# project root, after `./mvnw -q -B -DskipTests package` and `../shared/device/stage` here:
#   bash cuda/scripts/gpu-check.sh            (logs go to $OUT, else /tmp/gatun-gpu-check)
# Steps: device properties; the CUDA JUnit tests (runtime, kernels vs CPU, binding staleness);
# the same tests under compute-sanitizer memcheck (API errors the tests provoke on purpose are not reported); the C launch/copy program
# and the fp64 sine check (sinpi_check.cu: accuracy, integration2d against CUDA's sinpi) built with nvcc;
# the Java timings (CudaTimings). Each step's failure is reported and the rest still run.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${OUT:-/tmp/gatun-gpu-check}
mkdir -p "$out"
export PATH=/usr/local/cuda/bin:$PATH
tests=(--select-package dev.gatun.cuda --select-package dev.gatun.kernels.cuda
       --select-class dev.gatun.bindings.cuda.CheckedInCudaBindingsTest)
status() { if [ "$1" -eq 0 ]; then echo ok; else echo "FAILED (exit $1, see $2)"; fi; }

nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv | tee "$out/device.txt"

timeout 300 bash .device/run test "${tests[@]}" > "$out/junit.log" 2>&1
junit=$?
grep -E 'tests (successful|failed|skipped|aborted)' "$out/junit.log"

if command -v compute-sanitizer >/dev/null; then
  timeout 400 compute-sanitizer --tool memcheck --report-api-errors no --target-processes all --error-exitcode 86 \
      bash .device/run test "${tests[@]}" > "$out/memcheck.log" 2>&1
  memcheck=$?
  grep -E 'ERROR SUMMARY' "$out/memcheck.log" | tail -1
else
  memcheck=127; echo "compute-sanitizer not found" > "$out/memcheck.log"
fi

# The host's cores run at unequal speeds: the C and Java launch timings share one core, or their ratio
# measures the cores (unpinned, the same build read 1.00 to 1.27).
pin=(); command -v taskset >/dev/null && pin=(taskset -c 2)
{ nvcc -O3 -arch=sm_90 cuda/scripts/launch_latency.cu -o "$out/launch_latency" -lcuda && "${pin[@]}" "$out/launch_latency" \
  && nvcc -O3 -arch=sm_90 cuda/scripts/sinpi_check.cu -o "$out/sinpi_check" && "$out/sinpi_check"; } > "$out/c.log" 2>&1
c=$?
timeout 300 "${pin[@]}" bash .device/run dev.gatun.kernels.cuda.CudaTimings > "$out/java.log" 2>&1
java=$?

value() { grep -h "^RESULT $1 " "$out/c.log" "$out/java.log" 2>/dev/null | awk '{print $3}' | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
echo
echo "== Gatun CUDA check: $(head -2 "$out/device.txt" | tail -1)"
printf '%-40s %s\n' "JUnit (dev.gatun.cuda, kernels, bindings)" "$(status $junit "$out/junit.log")"
printf '%-40s %s\n' "compute-sanitizer memcheck" "$(status $memcheck "$out/memcheck.log")"
printf '%-40s %s\n' "C program" "$(status $c "$out/c.log")"
printf '%-40s %s\n' "Java timings" "$(status $java "$out/java.log")"
printf '%-34s %12s %12s %10s %s\n' "measurement" "Java" "C" "Java/C" "target"
printf '%-34s %12s %12s %10s %s\n' "empty launch, driver API (us)" "$(value java_launch_driver_us)" "$(value c_launch_driver_us)" \
  "$(ratio "$(value java_launch_driver_us)" "$(value c_launch_driver_us)")" "<= 1.10"
printf '%-34s %12s %12s %10s %s\n' "empty launch, runtime <<<>>> (us)" "$(value java_launch_runtime_us)" "$(value c_launch_runtime_us)" \
  "$(ratio "$(value java_launch_runtime_us)" "$(value c_launch_runtime_us)")" ""
printf '%-34s %12s %12s %10s %s\n' "integration2d fp64 n=1e5 (ms)" "$(value integration2d_fp64_n100000_ms)" \
  "$(value c_integration2d_fp64_gatun_ms)" "$(ratio "$(value integration2d_fp64_n100000_ms)" "$(value c_integration2d_fp64_gatun_ms)")" "<= 15 ms"
printf '%-34s %12s %12s %10s %s\n' "  same kernel, CUDA sinpi (ms)" "" "$(value c_integration2d_fp64_cuda_sinpi_ms)" "" ""
printf '%-34s %12s %12s %10s %s\n' "sin(pi x) max error, gatun (ulp)" "" "$(value sinpi_gatun_max_ulp)" "" "< 1"
printf '%-34s %12s %12s %10s %s\n' "sin(pi x) max error, CUDA (ulp)" "" "$(value sinpi_cuda_max_ulp)" "" ""
printf '%-34s %12s %12s %10s %s\n' "integration2d fp32 n=1e5 (ms)" "$(value integration2d_fp32_n100000_ms)" "" "" ""
printf '%-34s %12s %12s %10s %s\n' "dgemv cuBLAS (GB/s)" "$(value dgemv_cublas_GBps)" "" "" ""
printf '%-34s %12s %12s %10s %s\n' "matvec hand-written (GB/s)" "$(value matvec_handwritten_GBps)" "" "" ""
printf '%-34s %12s %12s %10s %s\n' "d2d copy, read+write (GB/s)" "$(value d2d_copy_GBps)" "" "" ""
printf '%-34s %12s %12s %10s %s\n' "dgemv / d2d copy" "$(value dgemv_fraction_of_copy)" "" "" ">= 0.80"
printf '%-34s %12s %12s %10s %s\n' "pinned H2D (GB/s)" "$(value java_pinned_h2d_GBps)" "$(value c_pinned_h2d_GBps)" \
  "$(ratio "$(value java_pinned_h2d_GBps)" "$(value c_pinned_h2d_GBps)")" ">= 0.80"
printf '%-34s %12s %12s %10s %s\n' "pinned D2H (GB/s)" "$(value java_pinned_d2h_GBps)" "$(value c_pinned_d2h_GBps)" \
  "$(ratio "$(value java_pinned_d2h_GBps)" "$(value c_pinned_d2h_GBps)")" ">= 0.80"
[ $junit -eq 0 ] && [ $memcheck -eq 0 ] && [ $c -eq 0 ] && [ $java -eq 0 ]
