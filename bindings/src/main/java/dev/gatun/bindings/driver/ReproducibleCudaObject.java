// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an object file from {@code nvcc} the same on every build. nvcc names its temporary files
 * {@code tmpxft_<pid>_<counter>} and those names end up in the object (the module id and the static
 * initialiser's symbol), so two builds of the same source differ and so do the jars that ship them.
 * Each such name is replaced, in place and with the same length, by one derived from the source's
 * name: deterministic, and still distinct between the sources of one library.
 */
final class ReproducibleCudaObject {
    private static final Pattern TEMP_NAME = Pattern.compile("tmpxft_[0-9a-f]{8}_[0-9a-f]{8}");

    private ReproducibleCudaObject() {
    }

    /**
     * Rewrites {@code object} in place.
     *
     * @param object the {@code .o} nvcc wrote
     * @param unitName what names the translation unit stably, e.g. {@code 0_kernels.cu}
     * @return how many distinct temporary names were replaced
     * @throws IOException when the file cannot be read or written
     */
    static int fix(Path object, String unitName) throws IOException {
        byte[] bytes = Files.readAllBytes(object);
        // ISO-8859-1 maps every byte to one char and back, so offsets and lengths are preserved.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TEMP_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        if (names.isEmpty()) {
            return 0;
        }
        String hash = HexFormat.of().formatHex(sha256(unitName.getBytes(StandardCharsets.UTF_8)));
        int i = 0;
        for (String name : names) {
            String stable = "tmpxft_" + hash.substring(0, 8) + "_" + String.format("%08x", i++);
            text = text.replace(name, stable);
        }
        Files.write(object, text.getBytes(StandardCharsets.ISO_8859_1));
        return names.size();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
