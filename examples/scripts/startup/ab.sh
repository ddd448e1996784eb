#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up of two builds side by side: a fresh JVM + one fib call with the jars in before/ and after/
# (each: startup.jar, fib.jar, gatun-api.jar, made as startup.sh makes them, from two commits), interleaved,
# plain, with --ffm-first and with an AOT cache; python3 + f2py beside them when f2py can build fib.f.
#   J=$JAVA_HOME/bin/java examples/scripts/startup/ab.sh DIR    (DIR holds fib.f, Startup.java, before/, after/)
# Prints one line per run; the medians in docs/BENCHMARKS.md are taken over those lines.
cd "${1:?usage: ab.sh DIR}"
J=${J:-java}
py=no; (python3 -m numpy.f2py -c -m fibpy fib.f >/tmp/f2py.log 2>&1) && py=yes
echo "python f2py build: $py; $(nproc) cpus, load $(cut -d' ' -f1 /proc/loadavg)"
for v in before after; do
  java=($J --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir=/tmp/gcache-$v -cp $v/startup.jar:$v/fib.jar:$v/gatun-api.jar)
  "${java[@]}" Startup >/dev/null
  "${java[@]}" -XX:AOTCacheOutput=/tmp/$v.aot Startup >/dev/null 2>/tmp/aot-$v.log || echo "aot training failed ($v)"
done
now() { date +%s%N; }
for i in $(seq 1 9); do
  [ $py = yes ] && { t=$(now); python3 -c 'import numpy as np, fibpy; a = np.zeros(8); fibpy.fib(a)'; echo "wall python - $(( ($(now)-t)/1000000 ))"; }
  for v in before after; do
    java=($J --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir=/tmp/gcache-$v -cp $v/startup.jar:$v/fib.jar:$v/gatun-api.jar)
    t=$(now); o=$("${java[@]}" Startup); echo "wall java $v $(( ($(now)-t)/1000000 )) $o"
    o=$("${java[@]}" Startup --ffm-first); echo "split $v $o"
    t=$(now); "${java[@]}" -XX:AOTCache=/tmp/$v.aot Startup >/dev/null; echo "wall aot $v $(( ($(now)-t)/1000000 ))"
  done
done
for v in before after; do
  java=($J --enable-native-access=ALL-UNNAMED -Dgatun.cache.dir=/tmp/gcache-$v -cp $v/startup.jar:$v/fib.jar:$v/gatun-api.jar)
  "${java[@]}" -Xlog:class+load:file=/tmp/cl-$v.txt Startup >/dev/null
  echo "$v: classes loaded $(grep -c 'class,load' /tmp/cl-$v.txt), of them jdk.jfr $(grep -c '\] jdk.jfr' /tmp/cl-$v.txt)"
done
