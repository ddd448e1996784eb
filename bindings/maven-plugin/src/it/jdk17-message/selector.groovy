// SPDX-License-Identifier: Apache-2.0
// Runs only where a JDK 17 is installed (bin/setup-system installs Debian's, as a stock machine has it).
return new File('/usr/lib/jvm/java-17-openjdk-amd64/bin/java').canExecute()
