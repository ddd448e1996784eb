// SPDX-License-Identifier: Apache-2.0
// Maven ran on JDK 17: the plugin's own message, naming both JDKs and the fix, and no class-version error.
def log = new File(basedir, 'build.log').text
assert log.contains('Java version: 17') || log.contains('Maven runs on Java 17') : 'Maven did not run on JDK 17'
assert log.contains('gatun-maven-plugin needs JDK 25 (it generates and builds Java 25 FFM bindings); Maven runs on Java 17') : 'no JDK 25 message'
assert log.contains('JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64') : 'the message does not say how to fix it'
assert !log.contains('UnsupportedClassVersionError') && !log.contains('class file version') : 'Maven loaded a Java 25 class'
return true
