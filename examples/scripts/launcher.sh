# SPDX-License-Identifier: Apache-2.0
# Sourced by mpi-scaling.sh and mpi-efficiency.sh: sets the array `command` that starts one rank of $main
# (a class of gatun-examples), locally with a JDK 25 or through the staged .device/run on the GPU machine.
# Reads $main and $launcher (local, device, or empty: local when a JDK 25 and examples/target exist).
jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -z "$launcher" ]; then
  if [ -x "$jdk/bin/java" ] && [ -d examples/target/classes ]; then launcher=local; else launcher=device; fi
fi
case "$launcher" in
  local)
    [ -d examples/target/lib ] || { echo "examples/target/lib is missing: run ./mvnw -B -q package -DskipTests first" >&2; exit 1; }
    command=("$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "examples/target/classes:examples/target/lib/*" "$main");;
  device)
    [ -f .device/run ] || { echo ".device/run is missing: stage it with ../shared/device/stage and take .device/ along" >&2; exit 1; }
    # Unpack the staged Java runtime once, before several ranks would race to do it.
    bash .device/run -version >/dev/null 2>&1
    command=(bash .device/run "$main");;
  *) echo "$(basename "$0"): --launcher must be local or device, got '$launcher'" >&2; exit 2;;
esac
