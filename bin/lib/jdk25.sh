# SPDX-License-Identifier: Apache-2.0
# Sourced by bin/examples and bin/gatun: exports JAVA_HOME as a JDK 25 or newer, taken from, in order,
# $JAVA_HOME, the `java` on PATH (as in the Temurin container images, which may not set JAVA_HOME),
# and Temurin 25's Debian location. Exits 4 with a message when none is a JDK 25.
gatun_is_jdk25() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -q 'version "\(2[5-9]\|[3-9][0-9]\)'
}
if ! gatun_is_jdk25 "${JAVA_HOME:-}"; then
  gatun_candidate=""
  if command -v java >/dev/null 2>&1; then
    gatun_candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  if gatun_is_jdk25 "$gatun_candidate"; then
    JAVA_HOME=$gatun_candidate
  else
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
  export JAVA_HOME
fi
if ! gatun_is_jdk25 "$JAVA_HOME"; then
  echo "gatun: needs JDK 25; set JAVA_HOME or install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64" >&2
  exit 4
fi
export PATH="$JAVA_HOME/bin:$PATH"
