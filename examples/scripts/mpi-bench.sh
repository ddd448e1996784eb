#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# MPI on one host, Gatun beside C and mpi4py, and the heat equation decomposed over ranks (issue 16):
#   1. ping-pong 8 B .. 64 MiB between two ranks: C (pingpong.c), Gatun (PingPong.java), mpi4py (pingpong.py), and
#      up to 4 KiB the same Java calls through plain FFM handles ("raw FFM": PingPong raw, the JDK's floor) and C
#      making each call as Gatun's shim does ("C+status": MPI_DOUBLE counts and a status read after each receive);
#   2. MPI_Allreduce (SUM) of 1 Mi doubles on all --ranks-max ranks, the same three;
#   3. HeatMpi strong scaling (--n, default 8192, over --ranks) and weak scaling (--rows-per-rank per rank),
#      one OpenMP thread per rank, ranks bound to cores; efficiency against the one-rank run, and the share
#      of time ranks waited for halo rows after their interior update.
# Usage (GPU machine, after ../shared/device/stage here and .device/ taken along; or locally after package):
#   bash examples/scripts/mpi-bench.sh [--n 8192] [--steps 20] [--ranks "1 2 4 8 12 16"] [--rows-per-rank 512]
#        [--depth K] [--skip-pingpong] [--skip-heat]
#   --depth K: HeatMpi exchanges K halo rows every K steps and runs them in one cache-blocked sweep (default 1:
#   one row per step, overlapped with the interior update).
# Logs go to $OUT (else /tmp/gatun-mpi-bench); the tables go to standard output.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
n=8192; steps=20; ranks="1 2 4 8 12 16"; rows=512; pingpong=1; heat=1; launcher=""; depth=1
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2;;
    --steps) steps=$2; shift 2;;
    --ranks) ranks=$2; shift 2;;
    --rows-per-rank) rows=$2; shift 2;;
    --depth) depth=$2; shift 2;;
    --skip-pingpong) pingpong=0; shift;;
    --skip-heat) heat=0; shift;;
    --launcher) launcher=$2; shift 2;;
    -h|--help) sed -n '2,14p' "$0"; exit 0;;
    *) echo "mpi-bench.sh: unknown option '$1'" >&2; exit 2;;
  esac
done
out=${OUT:-/tmp/gatun-mpi-bench}
mkdir -p "$out"
max=$(echo $ranks | tr ' ' '\n' | sort -n | tail -1)
mpirun=(mpirun --allow-run-as-root --bind-to core --map-by core)
export OMP_NUM_THREADS=1 OMP_PROC_BIND=false

main=dev.gatun.examples.mpi.PingPong
source examples/scripts/launcher.sh
java_pingpong=("${command[@]}")
main=dev.gatun.examples.mpi.HeatMpi
source examples/scripts/launcher.sh
java_heat=("${command[@]}")

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

if [ $pingpong -eq 1 ]; then
  mpicc -O2 -o /tmp/gatun-pingpong examples/scripts/pingpong.c || exit 1
  {
    "${mpirun[@]}" -np 1 /tmp/gatun-pingpong overhead
    "${mpirun[@]}" -np 1 "${java_pingpong[@]}" overhead
    "${mpirun[@]}" -np 2 /tmp/gatun-pingpong
    "${mpirun[@]}" -np 2 /tmp/gatun-pingpong status
    "${mpirun[@]}" -np 2 "${java_pingpong[@]}"
    "${mpirun[@]}" -np 2 "${java_pingpong[@]}" raw
    "${mpirun[@]}" -np 2 python3 examples/scripts/pingpong.py
    "${mpirun[@]}" -np "$max" /tmp/gatun-pingpong allreduce
    "${mpirun[@]}" -np "$max" "${java_pingpong[@]}" allreduce
    "${mpirun[@]}" -np "$max" python3 examples/scripts/pingpong.py allreduce
  } > "$out/pingpong.log" 2>&1
  echo "== one call with no transfer (send/receive to PROC_NULL), best of 7 runs: C $(grep 'overhead impl=c ' "$out/pingpong.log" | field ns) ns, Gatun $(grep 'overhead impl=gatun ' "$out/pingpong.log" | field ns) ns"
  echo "== ping-pong, one way (half the round trip), best of 3 runs; $(mpirun --version | head -1)"
  printf '%10s %12s %12s %12s %12s %12s %10s %10s %10s %12s %12s %12s\n' bytes "C us" "C+status us" "raw FFM us" "Gatun us" "mpi4py us" \
    "raw/C" "Gatun/C" "mpi4py/C" "C GB/s" "Gatun GB/s" "mpi4py GB/s"
  for b in 8 64 512 4096 32768 262144 2097152 16777216 67108864; do
    c=$(grep "pingpong impl=c bytes=$b " "$out/pingpong.log" | field us)
    g=$(grep "pingpong impl=gatun bytes=$b " "$out/pingpong.log" | field us)
    p=$(grep "pingpong impl=mpi4py bytes=$b " "$out/pingpong.log" | field us)
    r=$(grep "pingpong impl=raw bytes=$b " "$out/pingpong.log" | field us)
    cs=$(grep "pingpong impl=c-status bytes=$b " "$out/pingpong.log" | field us)
    cb=$(grep "pingpong impl=c bytes=$b " "$out/pingpong.log" | field GBps)
    gb=$(grep "pingpong impl=gatun bytes=$b " "$out/pingpong.log" | field GBps)
    pb=$(grep "pingpong impl=mpi4py bytes=$b " "$out/pingpong.log" | field GBps)
    awk -v b=$b -v c="$c" -v cs="$cs" -v r="$r" -v g="$g" -v p="$p" -v cb="$cb" -v gb="$gb" -v pb="$pb" 'BEGIN {
      printf "%10d %12s %12s %12s %12s %12s %10s %10s %10s %12s %12s %12s\n", b, c, (cs == "" ? "-" : cs), (r == "" ? "-" : r), g, p,
        (c > 0 && r != "" ? sprintf("%.2f", r / c) : "-"), (c > 0 && g != "" ? sprintf("%.2f", g / c) : "-"),
        (c > 0 && p != "" ? sprintf("%.2f", p / c) : "-"), cb, gb, pb }'
  done
  echo "== MPI_Allreduce SUM of 1 Mi doubles, $max ranks, best of 5 runs of 100 (slowest rank)"
  for impl in c gatun mpi4py; do
    printf '%-8s %10s us\n' $impl "$(grep "allreduce impl=$impl " "$out/pingpong.log" | field us)"
  done
fi

if [ $heat -eq 1 ]; then
  : > "$out/heat.log"; : > "$out/weak.log"
  for p in $ranks; do
    "${mpirun[@]}" -np $p "${java_heat[@]}" --n $n --steps $steps --depth $depth --reps 3 --warmup 1 >> "$out/heat.log" 2>&1
  done
  for p in $ranks; do
    "${mpirun[@]}" -np $p "${java_heat[@]}" --n $n --rows-per-rank $rows --steps $steps --depth $depth --reps 3 --warmup 1 >> "$out/weak.log" 2>&1
  done
  "${mpirun[@]}" -np 4 "${java_heat[@]}" --n 1024 --steps 50 --depth $depth --reps 1 --warmup 0 --check > "$out/check.log" 2>&1
  grep '^check:' "$out/check.log"
  echo "== HeatMpi strong scaling, ${n}x${n}, $steps steps, depth $depth, 1 OpenMP thread per rank (median of 3 runs, slowest rank)"
  printf '%6s %10s %9s %11s %8s\n' ranks seconds speedup efficiency halo
  t1=$(grep "RESULT example=heat-mpi nx=$n ny=$n ranks=1 " "$out/heat.log" | field seconds)
  for p in $ranks; do
    line=$(grep "RESULT example=heat-mpi nx=$n ny=$n ranks=$p " "$out/heat.log")
    s=$(echo "$line" | field seconds); h=$(echo "$line" | field halo)
    awk -v p=$p -v s="$s" -v t1="$t1" -v h="$h" 'BEGIN { if (s == "") { printf "%6d %10s\n", p, "failed"; exit }
      printf "%6d %10.3f %9.2f %10.1f%% %7.1f%%\n", p, s, t1 / s, 100 * t1 / s / p, 100 * h }'
  done
  echo "== HeatMpi weak scaling, $rows rows of $n per rank, $steps steps, depth $depth"
  printf '%6s %8s %10s %11s %8s\n' ranks rows seconds efficiency halo
  w1=$(grep "ranks=1 " "$out/weak.log" | grep RESULT | field seconds)
  for p in $ranks; do
    line=$(grep "RESULT example=heat-mpi" "$out/weak.log" | grep " ranks=$p ")
    s=$(echo "$line" | field seconds); h=$(echo "$line" | field halo); nx=$(echo "$line" | field nx)
    awk -v p=$p -v s="$s" -v w1="$w1" -v h="$h" -v nx="$nx" 'BEGIN { if (s == "") { printf "%6d %10s\n", p, "failed"; exit }
      printf "%6d %8s %10.3f %10.1f%% %7.1f%%\n", p, nx, s, 100 * w1 / s, 100 * h }'
  done
fi
