// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives: {@code numpy.savez} and {@code numpy.savez_compressed}
 * on one side, Java on the other.
 *
 * <p>An archive is a zip file of {@code .npy} files, one per array, named {@code <key>.npy}. The arrays
 * of an archive are read into memory of the caller's arena (copied, not mapped, as {@code numpy.load}
 * does for archives: a compressed entry has no bytes to map), with the dtypes of {@link Npy}. Keys keep
 * the archive's order. Entries whose names do not end in {@code .npy} are not arrays and are left out,
 * as they are of {@code NpzFile.files}.
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     Map<String, NdArray> saved = Npz.read(Path.of("state.npz"), arena);
 *     DoubleArray u = (DoubleArray) saved.get("u");
 *     Npz.writeCompressed(Path.of("out.npz"), Map.of("u", u, "steps", LongArray.ofHeap(new long[] {100})));
 * }
 * }
 */
public final class Npz {

    /** Copies pass through the heap in pieces of this size. */
    private static final int CHUNK = 1 << 20;

    private Npz() {
    }

    /**
     * Reads every array of {@code file} into {@code arena}.
     *
     * @param file  the {@code .npz} archive
     * @param arena owns the arrays' memory
     * @return the arrays by key ({@code "u"} for the entry {@code u.npy}), in the archive's order
     * @throws NpyFormatException if the file is not a zip archive or an entry is not a {@code .npy}
     *                            array Gatun reads; the message names the entry
     * @throws IOException        if the file cannot be read
     */
    public static Map<String, NdArray> read(Path file, Arena arena) throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        readEntries(file, arena).forEach((key, entry) -> arrays.put(key, entry.array()));
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * Reads every array of {@code file} into {@code arena}, with its dtype, so that
     * {@link #writeEntries} saves each back as the same NumPy type.
     *
     * @param file  the {@code .npz} archive
     * @param arena owns the arrays' memory
     * @return the arrays and their dtypes by key, in the archive's order
     * @throws NpyFormatException if the file is not a zip archive or an entry is not a {@code .npy}
     *                            array Gatun reads; the message names the entry
     * @throws IOException        if the file cannot be read
     */
    public static Map<String, Npy.Entry> readEntries(Path file, Arena arena) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arena, "arena");
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file) ? new NpyFormatException(file, "not a regular file; a .npz archive must be one")
                    : new java.nio.file.NoSuchFileException(file.toString());
        }
        Map<String, Npy.Entry> entries = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpyFormatException(file, "not a .npz archive: " + e.getMessage());
        }
        try (zip) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry zipEntry = all.nextElement();
                String name = zipEntry.getName();
                if (zipEntry.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                Path where = Path.of(file + "/" + name);
                try (InputStream in = zip.getInputStream(zipEntry)) {
                    entries.put(name.substring(0, name.length() - ".npy".length()),
                            Npy.read(where, in, zipEntry.getSize(), arena));
                } catch (ZipException e) {
                    throw new NpyFormatException(where, "corrupt archive entry: " + e.getMessage());
                }
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    /**
     * Writes {@code arrays} as {@code numpy.savez} does: one uncompressed {@code <key>.npy} entry per
     * array, in the map's iteration order.
     *
     * @param file   the archive to create or overwrite
     * @param arrays the arrays by key
     * @throws IllegalArgumentException if a key is empty
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path file, Map<String, ? extends NdArray> arrays) throws IOException {
        writeEntries(file, entriesOf(arrays), false);
    }

    /**
     * Writes {@code arrays} as {@code numpy.savez_compressed} does: one deflated {@code <key>.npy}
     * entry per array.
     *
     * @param file   the archive to create or overwrite
     * @param arrays the arrays by key
     * @throws IllegalArgumentException if a key is empty
     * @throws IOException              if the file cannot be written
     */
    public static void writeCompressed(Path file, Map<String, ? extends NdArray> arrays) throws IOException {
        writeEntries(file, entriesOf(arrays), true);
    }

    /**
     * Writes arrays with their dtypes ({@code u4} from an {@link IntArray}, as {@link Npy#write(Path,
     * NdArray, String)} allows).
     *
     * @param file       the archive to create or overwrite
     * @param entries    the arrays and dtypes by key
     * @param compressed deflate the entries ({@code savez_compressed}) or store them ({@code savez})
     * @throws IllegalArgumentException if a key is empty, or a {@code b1} array holds another value than 0 or 1
     * @throws IOException              if the file cannot be written
     */
    public static void writeEntries(Path file, Map<String, Npy.Entry> entries, boolean compressed)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(entries, "entries");
        entries.forEach((key, entry) -> {
            Objects.requireNonNull(entry, () -> "array '" + key + "' is null");
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("parameter 'entries': keys name the archive's entries, "
                        + "expected a non-empty key, got " + (key == null ? "null" : "''"));
            }
        });
        // Checked before the file is created: a bad array must not leave half an archive.
        Map<String, NpyHeader> headers = new LinkedHashMap<>();
        entries.forEach((key, entry) -> headers.put(key, Npy.header(entry.array(), entry.dtype())));
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "." + System.nanoTime() + ".partial");
        try {
            try (OutputStream raw = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, CHUNK))) {
                for (Map.Entry<String, Npy.Entry> named : entries.entrySet()) {
                    writeEntry(zip, named.getKey() + ".npy", named.getValue().array(), headers.get(named.getKey()),
                            compressed);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Map<String, Npy.Entry> entriesOf(Map<String, ? extends NdArray> arrays) {
        Objects.requireNonNull(arrays, "arrays");
        Map<String, Npy.Entry> entries = new LinkedHashMap<>();
        arrays.forEach((key, array) -> {
            Objects.requireNonNull(array, () -> "array '" + key + "' is null");
            entries.put(key, new Npy.Entry(array, array.elementType().npyTypeCode()));
        });
        return entries;
    }

    private static void writeEntry(ZipOutputStream zip, String name, NdArray array, NpyHeader header,
            boolean compressed) throws IOException {
        if (!array.isCContiguous() && !array.isFortranContiguous()) {
            try (Arena scratch = Arena.ofConfined()) {
                writeEntry(zip, name, (NdArray) ((HostArray) array).copyInto(scratch), header, compressed);
                return;
            }
        }
        byte[] head = Npy.preamble(array, header, 1);
        MemorySegment data = array.segment();
        ZipEntry entry = new ZipEntry(name);
        if (!compressed) {
            // A stored entry needs its size and CRC before its bytes: one pass over the data first.
            CRC32 crc = new CRC32();
            crc.update(head);
            forEachChunk(data, (chunk, length) -> crc.update(chunk, 0, length));
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(head.length + data.byteSize());
            entry.setCompressedSize(head.length + data.byteSize());
            entry.setCrc(crc.getValue());
        } else {
            entry.setMethod(ZipEntry.DEFLATED);
        }
        zip.putNextEntry(entry);
        zip.write(head);
        forEachChunk(data, (chunk, length) -> zip.write(chunk, 0, length));
        zip.closeEntry();
    }

    private interface ChunkSink {
        void accept(byte[] chunk, int length) throws IOException;
    }

    /** Hands the segment's bytes to {@code sink} through one reused heap buffer. */
    private static void forEachChunk(MemorySegment data, ChunkSink sink) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, data.byteSize()))];
        MemorySegment window = MemorySegment.ofArray(chunk);
        for (long offset = 0; offset < data.byteSize(); offset += chunk.length) {
            int length = (int) Math.min(chunk.length, data.byteSize() - offset);
            MemorySegment.copy(data, offset, window, 0, length);
            sink.accept(chunk, length);
        }
    }
}
