// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The jar layout that {@code dev.gatun.load.NativeLibrary} extracts from: the libraries of one
 * platform in {@code META-INF/native/<os>-<arch>/} beside a {@code SHA256SUMS} list in
 * {@code sha256sum} format ({@code <hex>  <file>}). Several libraries of one module (one per plugin
 * execution) share the directory, so each writes its own line and keeps the others'.
 */
final class NativeResources {

    /** The list's file name. */
    static final String SUMS = "SHA256SUMS";
    /** Suffix of the note shipped instead of a library that was not built (read by {@code NativeLibrary}'s error). */
    static final String SKIPPED = ".skipped";

    private final Path directory;

    /**
     * @param classesDirectory the module's output directory, e.g. {@code target/classes}
     * @param platformId       e.g. {@code linux-x86_64}
     */
    NativeResources(Path classesDirectory, String platformId) {
        this.directory = classesDirectory.resolve("META-INF").resolve("native").resolve(platformId);
    }

    /** The directory the libraries go to. */
    Path directory() {
        return directory;
    }

    /**
     * True when the shipped copy of {@code fileName} exists and its hash is the one the list records.
     *
     * @param fileName e.g. {@code libkernels.so}
     * @return whether the shipped library is intact
     * @throws IOException when the list cannot be read
     */
    boolean intact(String fileName) throws IOException {
        Path lib = directory.resolve(fileName);
        String listed = readSums().get(fileName);
        return listed != null && Files.isRegularFile(lib) && listed.equals(BuildStamp.sha256(lib));
    }

    /**
     * Ships a built library: copies it in when its bytes differ from the shipped copy and records its
     * hash in the list. Unchanged files are not rewritten.
     *
     * @param built the freshly linked library
     * @throws IOException when a file cannot be written
     */
    void ship(Path built) throws IOException {
        Files.createDirectories(directory);
        String name = built.getFileName().toString();
        Files.deleteIfExists(directory.resolve(name + SKIPPED));
        Path target = directory.resolve(name);
        byte[] bytes = Files.readAllBytes(built);
        if (!Files.isRegularFile(target) || !Arrays.equals(bytes, Files.readAllBytes(target))) {
            // Copy beside, then rename: a test JVM that already mapped the old file keeps a valid mapping.
            Path temporary = directory.resolve(name + ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        TreeMap<String, String> sums = readSums();
        sums.put(name, BuildStamp.sha256(bytes));
        var text = new StringBuilder();
        sums.forEach((file, hash) -> text.append(hash).append("  ").append(file).append('\n'));
        byte[] list = text.toString().getBytes(StandardCharsets.US_ASCII);
        Path sumsFile = directory.resolve(SUMS);
        if (!Files.isRegularFile(sumsFile) || !Arrays.equals(list, Files.readAllBytes(sumsFile))) {
            Files.write(sumsFile, list);
        }
    }

    /**
     * Ships a note instead of {@code fileName}, saying why it was not built, so that loading it fails
     * with that reason rather than a bare "not found".
     *
     * @param fileName e.g. {@code libkernels.so}
     * @param reason   e.g. {@code nvcc (the NVCC compiler) is not on PATH}
     * @throws IOException when the note cannot be written
     */
    void markSkipped(String fileName, String reason) throws IOException {
        GenerateMojo.writeIfChanged(directory.resolve(fileName + SKIPPED), reason + "\n");
    }

    /** The list as file name to hash; entries whose file is gone are dropped. */
    private TreeMap<String, String> readSums() throws IOException {
        var sums = new TreeMap<String, String>();
        Path file = directory.resolve(SUMS);
        if (!Files.isRegularFile(file)) {
            return sums;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            int gap = line.indexOf("  ");
            if (gap > 0 && Files.isRegularFile(directory.resolve(line.substring(gap + 2)))) {
                sums.put(line.substring(gap + 2), line.substring(0, gap));
            }
        }
        return sums;
    }
}
