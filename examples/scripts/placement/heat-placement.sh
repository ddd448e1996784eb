#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Where does HeatMpi lose efficiency at 8 ranks: the machine or the program? (issue 16, strong-scaling target)
#   1. the CPU topology as the OS sees it (lscpu, thread siblings);
#   2. cpu-probe.c (register-only arithmetic, no memory) pinned to core 0: alone, while one other core k spins
#      (k = 1 .. N-1: a much larger time for one k means core 0 and k share a physical core), and while every other
#      core spins (the clock drop of a fully busy machine);
#   3. HeatMpi 8192^2, --depth 8: one rank alone, then 8 ranks placed three ways: cores 0-7 (--map-by core), every
#      second core (--cpu-set 0,2,..,14), and unbound (--bind-to none); efficiency = t(1) / (8 t(8)).
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
args=(--n $n --steps $steps --depth $depth --reps 3 --warmup 1)
mpirun=(mpirun --allow-run-as-root)
spread=$(seq -s, 0 2 $((cores - 1)))
run() { local label=$1; shift; "${mpirun[@]}" "$@" "${command[@]}" "${args[@]}" > "$out/$label.log" 2>&1;
  grep RESULT "$out/$label.log" | tail -1; }
echo "== HeatMpi ${n}^2, $steps steps, depth $depth (median of 3 runs, slowest rank)"
printf '%-34s %10s %11s %8s\n' placement seconds efficiency halo
t1=""
for placement in "1 rank, core 0|--bind-to core --map-by core -np 1" \
                 "8 ranks, cores 0-7|--bind-to core --map-by core -np 8" \
                 "8 ranks, cores $spread|--cpu-set $spread --bind-to core --map-by core -np 8" \
                 "8 ranks, unbound|--bind-to none -np 8" \
                 "1 rank, core 0 (again)|--bind-to core --map-by core -np 1"; do
  label=${placement%%|*}; opts=${placement#*|}
  line=$(run "$(echo "$label" | tr -c 'a-z0-9' '_')" $opts)
  s=$(echo "$line" | field seconds); h=$(echo "$line" | field halo); p=$(echo "$line" | field ranks)
  [ -z "$t1" ] && t1=$s
  awk -v l="$label" -v s="$s" -v t1="$t1" -v h="$h" -v p="$p" 'BEGIN { if (s == "") { printf "%-34s %10s\n", l, "failed"; exit }
    printf "%-34s %10.3f %10.1f%% %7.1f%%\n", l, s, 100 * t1 / s / p, 100 * h }'
done
