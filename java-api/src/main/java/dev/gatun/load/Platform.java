// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.util.Locale;
import java.util.Objects;

/**
 * An operating system and processor architecture pair, named the way jars lay out their native
 * libraries: {@code META-INF/native/<os>-<arch>/}, e.g. {@code META-INF/native/linux-x86_64/}.
 *
 * @param os lowercase operating system name: {@code linux}, {@code macos}, {@code windows}, ...
 * @param arch lowercase architecture name: {@code x86_64}, {@code aarch64}, {@code ppc64le}, ...
 */
public record Platform(String os, String arch) {

    /**
     * Checks that both parts are lowercase names usable in a resource path.
     *
     * @throws IllegalArgumentException naming the part that is not of the form {@code [a-z0-9_]+}
     */
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        if (!isComponent(os)) {
            throw new IllegalArgumentException("os: expected a lowercase name like 'linux', got '" + os + "'");
        }
        if (!isComponent(arch)) {
            throw new IllegalArgumentException("arch: expected a lowercase name like 'x86_64', got '" + arch + "'");
        }
    }

    /**
     * The platform this JVM runs on, from the {@code os.name} and {@code os.arch} system properties,
     * with the JDK's names mapped to the usual ones ({@code amd64} becomes {@code x86_64}, {@code Mac OS X}
     * becomes {@code macos}).
     *
     * @return the current platform
     */
    public static Platform current() {
        return new Platform(osName(System.getProperty("os.name", "unknown")),
                archName(System.getProperty("os.arch", "unknown")));
    }

    /**
     * The directory name for this platform's native libraries.
     *
     * @return {@code os + "-" + arch}, e.g. {@code linux-x86_64}
     */
    public String id() {
        return os + "-" + arch;
    }

    private static String osName(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        if (p.startsWith("linux")) {
            return "linux";
        }
        if (p.startsWith("mac") || p.startsWith("darwin")) {
            return "macos";
        }
        if (p.startsWith("windows")) {
            return "windows";
        }
        return p.replaceAll("[^a-z0-9_]", "");
    }

    private static String archName(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> p.replaceAll("[^a-z0-9_]", "");
        };
    }

    /** {@code [a-z0-9_]+}, checked by hand: every start makes a Platform, and a regex costs a compile there. */
    private static boolean isComponent(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return !part.isEmpty();
    }
}
