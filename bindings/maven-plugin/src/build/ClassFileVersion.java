// SPDX-License-Identifier: Apache-2.0
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step of gatun-maven-plugin (a single-file program run by the JDK's source launcher): sets the
 * class-file major version of the goal classes to Java 17's (61), so that Maven running on an older JDK
 * loads them and the goals can say "needs JDK 25" instead of Maven's UnsupportedClassVersionError.
 * Listed: the goal classes, and the plugin's own types in their method signatures (Maven's injector loads
 * those with the goal); no signature there may name a Java 25 class of gatun-bindings or gatun-api. The
 * bytecode itself is only verified when a goal runs, after the version check. The jdk17-message
 * integration test runs Maven on JDK 17 against the built plugin.
 * Usage: java ClassFileVersion.java <major> <class file>...
 */
public final class ClassFileVersion {
    public static void main(String[] args) throws Exception {
        int major = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 8 || (bytes[0] & 0xff) != 0xCA || (bytes[1] & 0xff) != 0xFE) {
                throw new IllegalArgumentException(file + " is not a class file");
            }
            bytes[6] = (byte) (major >> 8);
            bytes[7] = (byte) major;
            Files.write(file, bytes);
        }
    }
}
