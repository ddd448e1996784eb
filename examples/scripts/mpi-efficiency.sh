#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Parallel efficiency of Integration2DMpi at P ranks, measured so that it means something on a host whose
# cores run at unequal speeds (a cloud VM: the same one-rank run took 0.28 to 0.52 s there from minute to
# minute): every process is pinned to one core, the one-rank baseline (the whole grid in one call) is measured
# on each core of the set the P-rank runs use, and rounds alternate baseline and P-rank runs.
#
#   examples/scripts/mpi-efficiency.sh                       # n = 20000, 8 ranks on cpus 0-7, 3 rounds
#   examples/scripts/mpi-efficiency.sh --cpus "8 9 10 11 12 13 14 15" --rounds 5 --balance dynamic
#   examples/scripts/mpi-efficiency.sh --launcher device     # on the GPU machine, through the staged .device/run
#
# Options: --n N, --cpus "LIST" (one rank per cpu; P = their number; default "0 1 2 3 4 5 6 7"), --rounds R
# (default 3), --reps K (timed runs per process start, median; default 5), --balance "static dynamic" (the
# row splits to measure), --launcher local|device (as mpi-scaling.sh), --out FILE (CSV of every run).
#
# Per round and split, with T1(c) the one-rank time pinned to cpu c and TP the P-rank time:
#   E_mean    = mean_c T1(c) / (P TP)     the usual T1 / (P TP), T1 taken on the set's average core
#   E_fastest = min_c T1(c) / (P TP)      against the fastest core alone (the strictest reading)
#   E_ideal   = 1 / (TP sum_c 1/T1(c))    against perfect balancing on exactly these cores
# Each round also runs the one-rank job on all cpus at once, independently: how much the machine's cores slow
# down when all work ("together" = mean alone / mean together), and the best TP that allows.
# Ranks pin themselves with taskset from their local rank (Open MPI's OMPI_COMM_WORLD_LOCAL_RANK, MPICH's
# MPI_LOCALRANKID), one OpenMP thread each.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

n=20000; cpus="0 1 2 3 4 5 6 7"; rounds=3; reps=5; balances="static dynamic"; launcher=""; out=mpi-efficiency.csv
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2;;
    --cpus) cpus=$2; shift 2;;
    --rounds) rounds=$2; shift 2;;
    --reps) reps=$2; shift 2;;
    --balance) balances=$2; shift 2;;
    --launcher) launcher=$2; shift 2;;
    --out) out=$2; shift 2;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0;;
    *) echo "mpi-efficiency.sh: unknown option '$1' (see --help)" >&2; exit 2;;
  esac
done
command -v taskset >/dev/null || { echo "mpi-efficiency.sh: taskset (util-linux) is needed to pin ranks" >&2; exit 1; }

main=dev.gatun.examples.mpi.Integration2DMpi
source examples/scripts/launcher.sh
mpirun_flags=(--bind-to none --oversubscribe -x OMP_NUM_THREADS=1 -x GATUN_CPUS)
[ "$(id -u)" = 0 ] && mpirun_flags+=(--allow-run-as-root)
# Each rank execs taskset on the cpu at its local rank's position in GATUN_CPUS.
pin='cpus=($GATUN_CPUS); exec taskset -c "${cpus[${OMPI_COMM_WORLD_LOCAL_RANK:-${MPI_LOCALRANKID:-0}}]}" "$0" "$@"'

# seconds CPUS BALANCE: the median time of one mpirun with a rank per cpu in CPUS
seconds() {
  local line
  line=$(GATUN_CPUS="$1" OMP_NUM_THREADS=1 mpirun -np "$(echo $1 | wc -w)" "${mpirun_flags[@]}" \
           bash -c "$pin" "${command[@]}" --n "$n" --threads 1 --reps "$reps" --warmup 2 --balance "$2" | grep '^RESULT ')
  echo "$line" | tr ' ' '\n' | sed -n 's/^seconds=//p'
}

p=$(echo $cpus | wc -w)
echo "round,balance,cpus,seconds" > "$out"
summary=(); machine=()
for round in $(seq 1 "$rounds"); do
  # The one-rank baseline: the seeds' split on one rank is the whole grid in one kernel call.
  t1=()
  for c in $cpus; do
    t=$(seconds "$c" static); t1+=("$t")
    echo "$round,one-rank,$c,$t" >> "$out"
  done
  # The machine's own limit: the same one-rank runs, all at once (no MPI between them). Cores that slow down
  # when their neighbours work (shared turbo budget, SMT siblings on the host) show here, not in T1.
  tc=(); pids=(); k=0
  for c in $cpus; do
    seconds "$c" static > "$out.concurrent.$k" & pids+=($!); k=$((k + 1))
  done
  wait "${pids[@]}"
  for k in $(seq 0 $((p - 1))); do tc+=("$(cat "$out.concurrent.$k")"); rm -f "$out.concurrent.$k"; done
  echo "$round,concurrent,$(echo $cpus | tr ' ' '+'),$(echo "${tc[@]}" | tr ' ' '+')" >> "$out"
  machine+=("$(echo "${t1[@]} ${tc[@]}" | awk -v p="$p" -v r="$round" '{
      a = 0; b = 0; inv = 0
      for (i = 1; i <= p; i++) { a += $i; b += $(i + p); inv += 1 / $(i + p) }
      printf "%5d  %9.3f %12.3f %9.1f%% %10.4f", r, a / p, b / p, 100 * a / b, 1 / inv }')")
  for balance in $balances; do
    tp=$(seconds "$cpus" "$balance")
    echo "$round,$balance,$(echo $cpus | tr ' ' '+'),$tp" >> "$out"
    summary+=("$(echo "${t1[@]}" | awk -v tp="$tp" -v p="$p" -v r="$round" -v b="$balance" '{
        s = 0; inv = 0; mn = 1e30; mx = 0
        for (i = 1; i <= NF; i++) { s += $i; inv += 1 / $i; if ($i < mn) mn = $i; if ($i > mx) mx = $i }
        printf "%5d  %-8s %7.3f %7.3f %7.3f %8.4f %7.1f%% %9.1f%% %7.1f%%", r, b, mn, s / NF, mx, tp,
               100 * s / NF / (p * tp), 100 * mn / (p * tp), 100 / (tp * inv) }')")
    echo "${summary[-1]}"
  done
done
echo
echo "integration2d n = $n, $p ranks on cpus $cpus, one thread each; seconds are medians of $reps runs (all runs in $out)"
printf '%5s  %-8s %7s %7s %7s %8s %8s %10s %8s\n' round split "T1 min" "T1 mean" "T1 max" "T$p" E_mean E_fastest E_ideal
printf '%s\n' "${summary[@]}"
echo
echo "the machine alone: one-rank runs on all $p cpus at once, against each alone (no MPI involved)"
printf '%5s  %9s %12s %10s %10s\n' round "T1 alone" "T1 together" "together" "ideal T$p"
printf '%s\n' "${machine[@]}"
echo "(ideal T$p = 1 / sum 1/T1 together: what P ranks could reach with perfect balancing and no MPI cost)"
