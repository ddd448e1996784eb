#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Where does HeatMpi lose efficiency at 8 ranks: the machine or the program? (issue 16, strong-scaling target)
#   1. the CPU topology as the OS sees it (lscpu, thread siblings);
#   2. cpu-probe.c (register-only arithmetic, no memory) pinned to core 0: alone, while one other core k spins
#      (k = 1 .. N-1: a much larger time for one k means core 0 and k share a physical core), and while every other
#      core spins (the clock drop of a fully busy machine);
#   3. HeatMpi 8192^2, --depth 8, beside its C twin heat_mpi.c (same decomposition, exchange and kernel): one rank
#      alone, then 8 ranks on cores 0-7 (--map-by core) and on every second core (--cpu-set 0,2,..,14), twice;
#      efficiency = t(1) / (8 t(8)) of the same program.
# Usage (GPU machine, staged .device/ taken along; or locally after ./mvnw package):
#   bash examples/scripts/placement/heat-placement.sh [--launcher device|local] [--n 8192] [--steps 40] [--skip-heat]
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
n=8192; steps=40; depth=8; launcher=""; heat=1
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2;;
    --steps) steps=$2; shift 2;;
    --launcher) launcher=$2; shift 2;;
    --skip-heat) heat=0; shift;;
    -h|--help) sed -n '2,12p' "$0"; exit 0;;
    *) echo "heat-placement.sh: unknown option '$1'" >&2; exit 2;;
  esac
done
out=${OUT:-/tmp/gatun-placement}
mkdir -p "$out"
cores=$(nproc)
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

echo "== topology: $cores cpus"
lscpu | grep -E 'Model name|Thread\(s\) per core|Core\(s\) per socket|Socket\(s\)|NUMA node\(s\)|L2 cache|L3 cache|Hypervisor'
echo "thread siblings of each cpu: $(for c in $(seq 0 $((cores - 1))); do cat /sys/devices/system/cpu/cpu$c/topology/thread_siblings_list 2>/dev/null | tr '\n' ' '; done)"

cc -O2 -o /tmp/gatun-cpu-probe examples/scripts/placement/cpu-probe.c || exit 1
probe() { taskset -c 0 /tmp/gatun-cpu-probe | field ms; }
spin() { for c in "$@"; do taskset -c "$c" sh -c 'while :; do :; done' & done; }
stop() { kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; }
best() { tr ' ' '\n' | grep . | sort -n | head -1; }
alone=$( (probe; probe; probe) | tr '\n' ' ' | best)
echo "== cpu-probe on core 0 (best of 3, ms): alone $alone"
printf '%8s %10s %9s\n' "busy cpu" "ms" "slowdown"
for k in $(seq 1 $((cores - 1))); do
  spin $k; sleep 0.2
  t=$( (probe; probe) | tr '\n' ' ' | best); stop
  awk -v k=$k -v t="$t" -v a="$alone" 'BEGIN { printf "%8d %10.1f %8.1f%%\n", k, t, 100 * (t / a - 1) }'
done
spin $(seq 1 $((cores - 1))); sleep 0.2
t=$( (probe; probe) | tr '\n' ' ' | best); stop
awk -v t="$t" -v a="$alone" 'BEGIN { printf "%8s %10.1f %8.1f%%\n", "all", t, 100 * (t / a - 1) }'

[ $heat -eq 1 ] || exit 0
main=dev.gatun.examples.mpi.HeatMpi
source examples/scripts/launcher.sh
export OMP_NUM_THREADS=1 OMP_PROC_BIND=false
mpicc -O3 -fno-math-errno -fopenmp -ffp-contract=off -Inative/src/main/c -o /tmp/gatun-heat-mpi \
  examples/scripts/heat_mpi.c openmp/src/main/c/kernels_omp.c -lm || exit 1
args=(--n $n --steps $steps --depth $depth --reps 3 --warmup 1)
mpirun=(mpirun --allow-run-as-root)
spread=$(seq -s, 0 2 $((cores - 1)))
run() { local label=$1; shift; "${mpirun[@]}" "$@" "${args[@]}" > "$out/$label.log" 2>&1;
  grep RESULT "$out/$label.log" | tail -1; }
echo "== HeatMpi (Java) and heat_mpi.c (C), ${n}^2, $steps steps, depth $depth (median of 3 runs, slowest rank;"
echo "   efficiency against the same program's 1-rank run; busy: the least and most seconds a rank computed)"
printf '%-36s %-5s %10s %11s %8s %10s %10s\n' placement impl seconds efficiency halo "busy min" "busy max"
declare -A t1
for round in 1 2; do
  for placement in "1 rank, core 0|--bind-to core --map-by core -np 1" \
                   "8 ranks, cores 0-7|--bind-to core --map-by core -np 8" \
                   "8 ranks, cores $spread|--cpu-set $spread --bind-to core -np 8"; do
    label=${placement%%|*}; opts=${placement#*|}
    for impl in java c; do
      if [ $impl = java ]; then program=("${command[@]}"); else program=(/tmp/gatun-heat-mpi); fi
      line=$(run "$(echo "$label $impl $round" | tr -c 'a-z0-9' '_')" $opts "${program[@]}")
      s=$(echo "$line" | field seconds); h=$(echo "$line" | field halo); p=$(echo "$line" | field ranks)
      bmin=$(echo "$line" | field busy_min); bmax=$(echo "$line" | field busy_max)
      [ "$p" = 1 ] && t1[$impl]=$s
      awk -v l="$label" -v i=$impl -v s="$s" -v t1="${t1[$impl]:-}" -v h="$h" -v p="$p" -v a="$bmin" -v b="$bmax" 'BEGIN {
        if (s == "") { printf "%-36s %-5s %10s\n", l, i, "failed"; exit }
        printf "%-36s %-5s %10.3f %10.1f%% %7.1f%% %10.3f %10.3f\n", l, i, s, 100 * t1 / s / p, 100 * h, a, b }'
    done
  done
done
