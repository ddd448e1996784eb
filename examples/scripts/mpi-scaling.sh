#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Hybrid MPI + OpenMP scaling of integration2d: runs dev.gatun.examples.mpi.Integration2DMpi for every
# ranks x threads pair that fits the cores, and collects its one-line RESULT summaries into a CSV.
#
#   examples/scripts/mpi-scaling.sh                         # n = 20000, ranks 1 2 4 8, threads 1 2 4 8 16
#   examples/scripts/mpi-scaling.sh --n 10000 --ranks "1 2" --threads "1 2" --out here.csv
#   examples/scripts/mpi-scaling.sh --launcher device       # on the GPU machine, through the staged .device/run
#
# Options: --n N, --ranks "LIST", --threads "LIST", --cores C (default: nproc; pairs with ranks*threads > C are
# skipped unless --all), --reps R (timed runs per pair, median reported; default 3), --launcher local|device
# (default: local when a JDK 25 and examples/target exist, else device), --out FILE (default mpi-scaling.csv),
# --balance static|dynamic (Integration2DMpi's row split: the seeds' blocks, or chunks fetched from rank 0).
#
# Local runs need `./mvnw -B -q package -DskipTests` first; device runs need ../shared/device/stage, then
# .device/ taken along (see the device README). Each rank's OpenMP threads are set with --threads and
# OMP_NUM_THREADS; ranks are started with --bind-to none, because Open MPI's default binding (to a core for
# np <= 2, a socket above) would pin all of a rank's threads to its one core.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

n=20000; ranks="1 2 4 8"; threads="1 2 4 8 16"; cores=$(nproc); reps=3; launcher=""; out=mpi-scaling.csv; all=0; balance=static
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2;;
    --ranks) ranks=$2; shift 2;;
    --threads) threads=$2; shift 2;;
    --cores) cores=$2; shift 2;;
    --reps) reps=$2; shift 2;;
    --launcher) launcher=$2; shift 2;;
    --out) out=$2; shift 2;;
    --all) all=1; shift;;
    --balance) balance=$2; shift 2;;
    -h|--help) sed -n '2,18p' "$0"; exit 0;;
    *) echo "mpi-scaling.sh: unknown option '$1' (see --help)" >&2; exit 2;;
  esac
done

main=dev.gatun.examples.mpi.Integration2DMpi
source examples/scripts/launcher.sh

mpirun_flags=(--bind-to none --oversubscribe)
[ "$(id -u)" = 0 ] && mpirun_flags+=(--allow-run-as-root)

echo "ranks,threads,n,seconds,min_seconds,value" > "$out"
for p in $ranks; do
  for t in $threads; do
    if [ "$all" = 0 ] && [ $((p * t)) -gt "$cores" ]; then
      continue
    fi
    line=$(OMP_NUM_THREADS=$t mpirun -np "$p" "${mpirun_flags[@]}" -x OMP_NUM_THREADS \
             "${command[@]}" --n "$n" --threads "$t" --reps "$reps" --warmup 1 --balance "$balance" | tee /dev/stderr | grep '^RESULT ' || true)
    if [ -z "$line" ]; then
      echo "mpi-scaling.sh: no RESULT line from $p ranks x $t threads" >&2
      continue
    fi
    # RESULT example=integration2d-mpi n=20000 ranks=4 threads=2 seconds=0.301 min=0.298 value=... reps=3
    get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    echo "$(get ranks),$(get threads),$(get n),$(get seconds),$(get min),$(get value)" >> "$out"
  done
done
echo
echo "ranks x threads, n = $n, median seconds (written to $out):"
column -s, -t "$out" 2>/dev/null || cat "$out"
