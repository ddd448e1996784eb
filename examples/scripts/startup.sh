#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up: a fresh process that makes one kernel call, Gatun (JVM) against python3 + f2py, side by side.
#   examples/scripts/startup.sh [--runs N]      (default 15 runs of each, interleaved; prints medians)
# The kernel is the seeds' fib.f (native/src/main/fortran/fib.f), built once by `bin/gatun build` for Java
# and by `python3 -m numpy.f2py -c` for Python (Debian: apt-get install python3-numpy python3-dev gfortran).
# Java runs three ways: plain; with an AOT cache (JDK 25, JEP 483/514: trained once with
# -XX:AOTCacheOutput, then -XX:AOTCache); and both with the class-data sharing the JDK ships.
# Inside the JVM, Startup.java times NativeLibrary.load and the first call; runs with --ffm-first time the JDK's
# own FFM start-up apart first, and runs with --raw time a hand-written FFM program doing the same work (open the
# extracted libfib.so, one downcall handle, one call) after the same preamble: Gatun's share is the difference.
# Results go to stdout as a Markdown table (docs/BENCHMARKS.md quotes one run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/lib/jdk25.sh"
runs=15
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: examples/scripts/startup.sh [--runs N]" >&2; exit 2 ;;
  esac
done
python=${PYTHON:-python3}
work=${GATUN_STARTUP_WORK:-${TMPDIR:-/tmp}/gatun-startup}
mkdir -p "$work"
api="$root/java-api/target/gatun-api-0.1.0-SNAPSHOT.jar"

# --- build once --------------------------------------------------------------------------------------
cp -p "$root/native/src/main/fortran/fib.f" "$work/fib.f"
if [ ! -f "$work/fib.jar" ] || [ "$work/fib.f" -nt "$work/fib.jar" ]; then
  "$root/bin/gatun" build -m fib --package startup -o "$work/fib.jar" "$work/fib.f" >/dev/null
fi
[ -f "$api" ] || { echo "startup: $api is missing: run bin/gatun once (it builds it)" >&2; exit 1; }
cp "$api" "$work/gatun-api.jar"; api="$work/gatun-api.jar"   # a build running meanwhile may rewrite the original
cp "$root/examples/scripts/startup/Startup.java" "$work/"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$work/fib.jar:$api" "$work/Startup.java"
# The AOT cache takes jars only (no class directories) on the class path.
"$JAVA_HOME/bin/jar" --create --file "$work/startup.jar" -C "$work/classes" .
cp="$work/startup.jar:$work/fib.jar:$api"
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir="$work/cache" -cp "$cp")
have_python=yes
if ! (cd "$work" && ls fibpy*.so >/dev/null 2>&1) && ! (cd "$work" && "$python" -m numpy.f2py -c -m fibpy fib.f >f2py.log 2>&1); then
  echo "startup: f2py could not build fib.f with $python (see $work/f2py.log); Python rows skipped" >&2
  have_python=no
fi
# The AOT cache: one training run records the classes loaded and linked; later runs map them.
rm -f "$work/startup.aot"
"${java[@]}" -XX:AOTCacheOutput="$work/startup.aot" Startup >/dev/null 2>"$work/aot.log" \
  || { echo "startup: the AOT training run failed (see $work/aot.log)" >&2; exit 1; }
"${java[@]}" Startup >/dev/null   # extract into the cache once: later runs verify, as every start does
library=$(find "$work/cache" -name libfib.so | head -1)

# --- measure -----------------------------------------------------------------------------------------
now() { date +%s%N; }
declare -A wall
inside=()
split=()
raw=()
for ((i = 0; i < runs; i++)); do
  if [ "$have_python" = yes ]; then
    t=$(now); (cd "$work" && "$python" -c 'import numpy as np, fibpy; a = np.zeros(8); fibpy.fib(a); print(a[7])' >/dev/null)
    wall[python]+="$(( ($(now) - t) / 1000 )) "
  fi
  t=$(now); out=$("${java[@]}" Startup); wall[java]+="$(( ($(now) - t) / 1000 )) "
  inside+=("$out")
  split+=("$("${java[@]}" Startup --ffm-first)")
  raw+=("$("${java[@]}" Startup --raw "$library")")
  t=$(now); "${java[@]}" -XX:AOTCache="$work/startup.aot" Startup >/dev/null; wall[aot]+="$(( ($(now) - t) / 1000 )) "
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m/1000}'; }
field() { printf '%s\n' "${inside[@]}" | sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}'; }
echo "| start + one fib call, median of $runs ($(nproc) cpus, load average $(cut -d' ' -f1 /proc/loadavg)) | ms |"
echo "| --- | ---: |"
[ "$have_python" = yes ] && echo "| python3 + f2py module ($("$python" -c 'import sys, numpy; print(f"Python {sys.version.split()[0]}, NumPy {numpy.__version__}")')) | $(echo "${wall[python]}" | median) |"
echo "| java, plain ($("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)) | $(echo "${wall[java]}" | median) |"
echo "| java with the AOT cache (-XX:AOTCache) | $(echo "${wall[aot]}" | median) |"
echo "| of the plain run, inside main: NativeLibrary.load (cached copy checked, ELF check, dlopen), wall / CPU | $(field load_ms) / $(field load_cpu_ms) |"
echo "| of the plain run, inside main: first call (binding class init: FFM downcall handles, then the call), wall / CPU | $(field first_call_ms) / $(field first_call_cpu_ms) |"
fields() { inside=("${split[@]}"); field "$1"; }
echo "| a run that starts the JDK's FFM linker first (one getpid downcall handle), wall / CPU | $(fields ffm_ms) / $(fields ffm_cpu_ms) |"
echo "| ... then NativeLibrary.load, wall / CPU | $(fields load_ms) / $(fields load_cpu_ms) |"
# Gatun's load + first call after the preamble, one sum per run, against the raw-FFM baseline's median.
gatun_cpu=$(printf '%s\n' "${split[@]}" | sed -n 's/.*load_cpu_ms=\([0-9.]*\).*first_call_cpu_ms=\([0-9.]*\).*/\1 \2/p' \
  | awk '{print $1 + $2}' | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}')
raw_cpu=$(inside=("${raw[@]}"); field raw_cpu_ms)
echo "| ... then NativeLibrary.load + first call, CPU | $gatun_cpu |"
echo "| raw FFM after the same preamble (libraryLookup + downcall handle of fib_ + the call), CPU | $raw_cpu |"
echo "| **Gatun's share**: load + first call - raw FFM, CPU | $(awk -v g="$gatun_cpu" -v r="$raw_cpu" 'BEGIN {printf "%.1f", g - r}') |"
