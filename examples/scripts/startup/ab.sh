#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up of two builds side by side: a fresh JVM + one fib call with the jars in before/ and after/
# (each: startup.jar, fib.jar, gatun-api.jar, made as startup.sh makes them, from two commits; build both
# startup.jar from the same, current Startup.java so that both have --raw), interleaved: plain, with
# --ffm-first, the raw-FFM baseline (--raw on the libfib.so each build extracted), and with an AOT cache;
# python3 + f2py beside them when f2py can build fib.f.
#   J=$JAVA_HOME/bin/java examples/scripts/startup/ab.sh DIR [RUNS]   (DIR holds fib.f, before/, after/; RUNS 9)
# Prints one line per run, then a table of medians per build; docs/BENCHMARKS.md quotes that table.
cd "${1:?usage: ab.sh DIR [RUNS]}"
runs=${2:-9}
J=${J:-java}
log=$(mktemp)
py=no; (python3 -m numpy.f2py -c -m fibpy fib.f >/tmp/f2py.log 2>&1) && py=yes
echo "python f2py build: $py; $(nproc) cpus, load $(cut -d' ' -f1 /proc/loadavg)"
declare -A lib
for v in before after; do
  java=($J --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir=/tmp/gcache-$v -cp $v/startup.jar:$v/fib.jar:$v/gatun-api.jar)
  "${java[@]}" Startup >/dev/null
  "${java[@]}" -XX:AOTCacheOutput=/tmp/$v.aot Startup >/dev/null 2>/tmp/aot-$v.log || echo "aot training failed ($v)"
  lib[$v]=$(find /tmp/gcache-$v -name libfib.so | head -1)
done
now() { date +%s%N; }
for i in $(seq 1 "$runs"); do
  [ $py = yes ] && { t=$(now); python3 -c 'import numpy as np, fibpy; a = np.zeros(8); fibpy.fib(a)'; echo "wall python - $(( ($(now)-t)/1000000 ))"; }
  for v in before after; do
    java=($J --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir=/tmp/gcache-$v -cp $v/startup.jar:$v/fib.jar:$v/gatun-api.jar)
    t=$(now); o=$("${java[@]}" Startup); echo "wall java $v $(( ($(now)-t)/1000000 )) $o"
    o=$("${java[@]}" Startup --ffm-first); echo "split $v $o"
    o=$("${java[@]}" Startup --raw "${lib[$v]}"); echo "raw $v $o"
    t=$(now); "${java[@]}" -XX:AOTCache=/tmp/$v.aot Startup >/dev/null; echo "wall aot $v $(( ($(now)-t)/1000000 ))"
  done
done | tee "$log"
declare -A classes
for v in before after; do
  java=($J --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir=/tmp/gcache-$v -cp $v/startup.jar:$v/fib.jar:$v/gatun-api.jar)
  "${java[@]}" -Xlog:class+load:file=/tmp/cl-$v.txt Startup >/dev/null
  classes[$v]=$(grep -c 'class,load' /tmp/cl-$v.txt)
  echo "$v: classes loaded ${classes[$v]}, of them jdk.jfr $(grep -c '\] jdk.jfr' /tmp/cl-$v.txt)"
done
# median PREFIX FIELD: the median of FIELD (a key=value, or a bare column number) over lines starting with PREFIX.
median() {
  grep "^$1 " "$log" | awk -v f="$2" '{ for (i = 1; i <= NF; i++) { if (f ~ /^[0-9]+$/) { if (i == f) print $i }
      else if (index($i, f "=") == 1) print substr($i, length(f) + 2) } }' \
    | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else printf "%.1f", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
# Gatun's load + first call after the preamble, one sum per run.
gatun() { grep "^split $1 " "$log" | awk '{ for (i = 1; i <= NF; i++) { if ($i ~ /^load_cpu_ms=/) l = substr($i, 13);
      if ($i ~ /^first_call_cpu_ms=/) c = substr($i, 19) } print l + c }' | sed "s/^/g $1 x=/" >>"$log"; median "g $1" x; }
echo
echo "| median of $runs (ms; CPU is the main thread's) | before | after |"
echo "| --- | ---: | ---: |"
row() { echo "| $1 | $(median "$2 before" "$3") | $(median "$2 after" "$3") |"; }
row "plain run: NativeLibrary.load CPU" "wall java" load_cpu_ms
row "plain run: first call CPU" "wall java" first_call_cpu_ms
row "after the FFM preamble: NativeLibrary.load CPU" split load_cpu_ms
row "after the FFM preamble: first call CPU" split first_call_cpu_ms
gb=$(gatun before); ga=$(gatun after)
echo "| after the FFM preamble: Gatun load + first call CPU | $gb | $ga |"
rb=$(median "raw before" raw_cpu_ms); ra=$(median "raw after" raw_cpu_ms)
echo "| after the FFM preamble: raw FFM lookup + handle + call CPU | $rb | $ra |"
echo "| **Gatun's share** (load + first call - raw FFM) | $(awk -v g="$gb" -v r="$rb" 'BEGIN {printf "%.1f", g - r}') | $(awk -v g="$ga" -v r="$ra" 'BEGIN {printf "%.1f", g - r}') |"
row "plain java wall" "wall java" 4
row "java with the AOT cache wall" "wall aot" 4
[ $py = yes ] && echo "| python3 + f2py wall | $(median "wall python" 4) | |"
echo "| classes loaded (plain run) | ${classes[before]} | ${classes[after]} |"
rm -f "$log"
