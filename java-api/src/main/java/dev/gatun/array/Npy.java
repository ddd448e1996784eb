// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes NumPy {@code .npy} files: {@code numpy.save} on one side, Java on the other.
 *
 * <p>{@link #read(Path, Arena)} maps the file into memory: no bytes are copied, a 10 GB file opens
 * at once and its pages load when touched. Format versions 1.0, 2.0 and 3.0, both byte orders,
 * C and Fortran order and 0-d arrays are read. Anything else, and any malformed or truncated file,
 * raises an {@link NpyFormatException} naming the file and the problem.
 *
 * <p>NumPy types and the arrays they are read as (always a view of the file's bits, never a converted copy):
 * <table class="striped">
 * <caption>dtypes</caption>
 * <thead><tr><th>dtype</th><th>array</th><th>reading a value</th></tr></thead>
 * <tbody>
 * <tr><td>{@code f8}, {@code f4}</td><td>{@link DoubleArray}, {@link FloatArray}</td><td>as is</td></tr>
 * <tr><td>{@code i8}, {@code i4}, {@code i2}, {@code i1}</td><td>{@link LongArray}, {@link IntArray},
 *     {@link ShortArray}, {@link ByteArray}</td><td>as is</td></tr>
 * <tr><td>{@code c16}, {@code c8}</td><td>{@link ComplexDoubleArray}, {@link ComplexFloatArray}</td><td>as is</td></tr>
 * <tr><td>{@code u8}, {@code u4}, {@code u2}, {@code u1}</td><td>{@link LongArray}, {@link IntArray},
 *     {@link ShortArray}, {@link ByteArray}</td><td>Java's unsigned conversions, e.g.
 *     {@link Integer#toUnsignedLong}, {@link Short#toUnsignedInt}, {@link Byte#toUnsignedInt}</td></tr>
 * <tr><td>{@code b1}</td><td>{@link ByteArray}</td><td>0 is false, 1 is true</td></tr>
 * <tr><td>{@code f2}</td><td>{@link ShortArray}</td><td>{@link Float#float16ToFloat}</td></tr>
 * </tbody>
 * </table>
 * {@link #readEntry} also returns the dtype, and {@link #write(Path, Entry)} writes it back, so a
 * {@code u4} file saved again is still {@code u4}. {@link Npz} reads and writes {@code .npz}
 * archives of such arrays.
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     DoubleArray u = (DoubleArray) Npy.read(Path.of("u.npy"), arena);
 *     Npy.write(Path.of("u2.npy"), u.transpose());
 * }
 * }
 */
public final class Npy {

    /** NumPy refuses headers past 10 kB by default; a generous cap still stops absurd lengths. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    /** Writes go out in pieces: a {@code ByteBuffer} over a segment holds at most 2 GB. */
    private static final long WRITE_CHUNK = 1 << 30;

    private Npy() {
    }

    /**
     * Maps {@code file} read-only into {@code arena}; writes to the array throw
     * {@link IllegalArgumentException} ("Attempt to write a read-only segment").
     *
     * @param file  the {@code .npy} file
     * @param arena owns the mapping; closing it unmaps the file
     * @return a {@link DoubleArray}, {@link FloatArray}, {@link IntArray}, {@link LongArray} or
     *         {@link ComplexDoubleArray} over the file's data, in the file's order and byte order
     * @throws NpyFormatException if the file is not a {@code .npy} file Gatun can read
     * @throws IOException        if the file cannot be opened or mapped
     */
    public static NdArray read(Path file, Arena arena) throws IOException {
        return read(file, arena, FileChannel.MapMode.READ_ONLY);
    }

    /**
     * Maps {@code file} read-only into an automatic arena: the mapping is released once the array
     * and its views are unreachable.
     *
     * @param file the {@code .npy} file
     * @return the array over the file's data
     * @throws NpyFormatException if the file is not a {@code .npy} file Gatun can read
     * @throws IOException        if the file cannot be opened or mapped
     */
    public static NdArray read(Path file) throws IOException {
        return read(file, Arena.ofAuto(), FileChannel.MapMode.READ_ONLY);
    }

    /**
     * Maps {@code file} into {@code arena} with {@code mode}: {@code READ_WRITE} writes element
     * changes back to the file, {@code PRIVATE} keeps them in memory (copy-on-write; the file is never
     * changed). A {@code PRIVATE} read of a file this process may not write is a copy in {@code arena}
     * instead of a mapping: Java maps copy-on-write only through a channel open for writing.
     *
     * <p>The data must start at a multiple of the element alignment (NumPy always pads to 64
     * bytes). A read-only file whose data is misaligned is copied into aligned memory instead;
     * a misaligned file cannot be mapped for writing.
     *
     * @param file  the {@code .npy} file
     * @param arena owns the mapping
     * @param mode  {@code READ_ONLY}, {@code READ_WRITE} or {@code PRIVATE}
     * @return the array over the file's data
     * @throws NpyFormatException if the file is not a {@code .npy} file Gatun can read
     * @throws IOException        if the file cannot be opened or mapped
     */
    public static NdArray read(Path file, Arena arena, FileChannel.MapMode mode) throws IOException {
        return readEntry(file, arena, mode).array();
    }

    /**
     * Maps {@code file} read-only into {@code arena} and returns the array with the file's NumPy type
     * code, so that {@link #write(Path, Entry)} saves it back as the same dtype ({@code u4} stays
     * {@code u4}, where {@link #write(Path, NdArray)} would write the view's own {@code i4}).
     *
     * @param file  the {@code .npy} file
     * @param arena owns the mapping
     * @return the array and its dtype
     * @throws NpyFormatException if the file is not a {@code .npy} file Gatun can read
     * @throws IOException        if the file cannot be opened or mapped
     */
    public static Entry readEntry(Path file, Arena arena) throws IOException {
        return readEntry(file, arena, FileChannel.MapMode.READ_ONLY);
    }

    private static Entry readEntry(Path file, Arena arena, FileChannel.MapMode mode) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(mode, "mode");
        // A FIFO or device would block open() or read forever; only regular files are .npy files.
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file) ? new NpyFormatException(file, "not a regular file (a directory, FIFO or device);"
                    + " a .npy file must be a regular file") : new java.nio.file.NoSuchFileException(file.toString());
        }
        boolean copyPrivate = mode == FileChannel.MapMode.PRIVATE && !Files.isWritable(file);
        boolean writable = mode == FileChannel.MapMode.READ_WRITE
                || (mode == FileChannel.MapMode.PRIVATE && !copyPrivate);
        try (FileChannel channel = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer preamble = readFully(file, channel, 0, 12, fileSize);
            long headerLength = headerLength(file, preamble);
            long headerStart = preamble.get(6) == 1 ? 10 : 12;
            long dataOffset = headerStart + headerLength;
            if (dataOffset > fileSize) {
                throw new NpyFormatException(file, "truncated: the header of " + headerLength
                        + " bytes runs past the end of the file (" + fileSize + " bytes)");
            }
            ByteBuffer headerBytes = readFully(file, channel, headerStart, (int) headerLength, fileSize);
            NpyHeader header = NpyHeader.parse(file, NpyHeader.decode(file, headerBytes.array(), preamble.get(6)));
            long dataBytes = header.dataBytes(file);
            if (fileSize - dataOffset < dataBytes) {
                throw new NpyFormatException(file, "truncated: shape " + Layout.format(header.shape()) + " of "
                        + header.dtype() + " needs " + dataBytes + " data bytes after offset "
                        + dataOffset + ", but the file has " + (fileSize - dataOffset));
            }
            MemorySegment data = copyPrivate ? copy(file, channel, dataOffset, dataBytes, arena)
                    : map(file, channel, mode, dataOffset, dataBytes, header.type(), arena);
            return entry(header, data);
        }
    }

    /**
     * Checks the magic string and version of the first 12 bytes (little-endian order is set on
     * {@code preamble}) and returns the header length they state.
     */
    private static long headerLength(Path file, ByteBuffer preamble) throws NpyFormatException {
        for (int i = 0; i < NpyHeader.MAGIC.length; i++) {
            if (preamble.get(i) != NpyHeader.MAGIC[i]) {
                throw new NpyFormatException(file, "not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = preamble.get(6);
        int minor = preamble.get(7);
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + minor
                    + "; Gatun reads 1.0, 2.0 and 3.0");
        }
        preamble.order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedLong(preamble.getShort(8))
                : Integer.toUnsignedLong(preamble.getInt(8));
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(file, "header of " + headerLength + " bytes is longer than the "
                    + MAX_HEADER_BYTES + " bytes Gatun accepts");
        }
        return headerLength;
    }

    private static Entry entry(NpyHeader header, MemorySegment data) {
        Layout layout = Layout.contiguous(header.fortran() ? Order.FORTRAN : Order.C, header.shape());
        NdArray array = (NdArray) HostArray.create(header.type(), data, layout, header.byteOrder());
        return new Entry(array, header.descr());
    }

    /**
     * Reads one {@code .npy} stream (an entry of a {@code .npz} archive) into fresh memory of
     * {@code arena}. {@code name} stands for the stream in messages; {@code size} is the stream's
     * length if known (else -1), so a header claiming more data than there is fails before any memory
     * is allocated for it.
     */
    static Entry read(Path name, InputStream in, long size, Arena arena) throws IOException {
        byte[] first = in.readNBytes(12);
        if (first.length < 10) {
            throw new NpyFormatException(name, "truncated: " + first.length + " bytes are too few for a .npy header");
        }
        ByteBuffer preamble = ByteBuffer.wrap(Arrays.copyOf(first, 12));
        long headerLength = headerLength(name, preamble);
        int headerStart = preamble.get(6) == 1 ? 10 : 12;
        if (first.length < headerStart) {
            throw new NpyFormatException(name, "truncated: " + first.length + " bytes are too few for a .npy header");
        }
        byte[] header = new byte[(int) headerLength];
        int carried = first.length - headerStart; // version 1.0 preambles are 10 bytes: 2 header bytes read already
        System.arraycopy(first, headerStart, header, 0, Math.min(carried, header.length));
        if (carried > header.length) {
            throw new NpyFormatException(name, "header of " + headerLength + " bytes is too short");
        }
        if (in.readNBytes(header, carried, header.length - carried) != header.length - carried) {
            throw new NpyFormatException(name, "truncated while reading the header");
        }
        NpyHeader parsed = NpyHeader.parse(name, NpyHeader.decode(name, header, preamble.get(6)));
        long dataBytes = parsed.dataBytes(name);
        if (size >= 0 && size - headerStart - headerLength < dataBytes) {
            throw new NpyFormatException(name, "truncated: shape " + Layout.format(parsed.shape()) + " of "
                    + parsed.dtype() + " needs " + dataBytes + " data bytes, but the entry has "
                    + Math.max(0, size - headerStart - headerLength));
        }
        MemorySegment data = arena.allocate(Math.max(dataBytes, 1), HostArray.ALIGNMENT).asSlice(0, dataBytes);
        byte[] chunk = new byte[(int) Math.min(1 << 20, Math.max(dataBytes, 1))];
        for (long done = 0; done < dataBytes; ) {
            int length = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, dataBytes - done));
            if (length == 0) {
                throw new NpyFormatException(name, "truncated: shape " + Layout.format(parsed.shape()) + " of "
                        + parsed.dtype() + " needs " + dataBytes + " data bytes, but the entry has " + done);
            }
            MemorySegment.copy(MemorySegment.ofArray(chunk), 0, data, done, length);
            done += length;
        }
        return entry(parsed, data);
    }

    private static MemorySegment map(Path file, FileChannel channel, FileChannel.MapMode mode, long offset,
            long bytes, ElementType type, Arena arena) throws IOException {
        if (bytes == 0) {
            MemorySegment empty = arena.allocate(0, HostArray.ALIGNMENT);
            return mode == FileChannel.MapMode.READ_ONLY ? empty.asReadOnly() : empty;
        }
        MemorySegment mapped = channel.map(mode, offset, bytes, arena);
        // The mapping starts on a page, so the data's address alignment is the file offset's.
        if (mapped.address() % type.alignment() == 0) {
            return mapped;
        }
        if (mode == FileChannel.MapMode.PRIVATE) {
            MemorySegment aligned = arena.allocate(bytes, HostArray.ALIGNMENT);
            MemorySegment.copy(mapped, 0, aligned, 0, bytes);
            return aligned; // changes stay in memory either way
        }
        if (mode != FileChannel.MapMode.READ_ONLY) {
            throw new NpyFormatException(file, "data offset " + offset + " is not a multiple of "
                    + type.alignment() + " (the alignment of " + type.npyTypeCode() + "), so it cannot be mapped "
                    + "for writing; rewrite the file with Npy.write or numpy.save");
        }
        MemorySegment aligned = arena.allocate(bytes, HostArray.ALIGNMENT);
        MemorySegment.copy(mapped, 0, aligned, 0, bytes);
        return aligned.asReadOnly();
    }

    /** The data read into fresh memory of {@code arena}: a private, writable copy. */
    private static MemorySegment copy(Path file, FileChannel channel, long offset, long bytes, Arena arena) throws IOException {
        MemorySegment data = arena.allocate(Math.max(bytes, 1), HostArray.ALIGNMENT).asSlice(0, bytes);
        for (long done = 0; done < bytes; ) {
            ByteBuffer window = data.asSlice(done, Math.min(WRITE_CHUNK, bytes - done)).asByteBuffer();
            while (window.hasRemaining()) {
                if (channel.read(window, offset + done + window.position()) < 0) {
                    throw new NpyFormatException(file, "truncated while reading the data");
                }
            }
            done += window.capacity();
        }
        return data;
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length, long fileSize)
            throws IOException {
        if (position + length > fileSize) {
            throw new NpyFormatException(file, "truncated: " + fileSize + " bytes are too few for a .npy header");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new NpyFormatException(file, "truncated while reading the header");
            }
        }
        return buffer.flip();
    }

    /**
     * Writes {@code array} to {@code file} in format version 1.0 (2.0 if the header needs it),
     * byte for byte as {@code numpy.save} does. A C-contiguous array is written in C order, a
     * Fortran-contiguous one with {@code fortran_order: True}; a non-contiguous view is written
     * in its {@link StridedArray#order()}. The byte order is the array's.
     *
     * <p>The file is written beside the target and renamed over it, so an array still mapped from
     * the old file stays readable.
     *
     * @param file  the file to create or overwrite
     * @param array the array
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, NdArray array) throws IOException {
        write(file, array, 1);
    }

    /**
     * Writes {@code array} to {@code file} in the given format version.
     *
     * @param file    the file to create or overwrite
     * @param array   the array
     * @param version 1 (header up to 64 kB; 2.0 is used above that), 2 or 3 (UTF-8 header)
     * @throws IllegalArgumentException if {@code version} is not 1, 2 or 3
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path file, NdArray array, int version) throws IOException {
        Objects.requireNonNull(array, "array");
        write(file, array, array.elementType().npyTypeCode(), version);
    }

    /**
     * Writes {@code entry}'s array as its dtype: what {@link #readEntry} read comes back as the same
     * NumPy type.
     *
     * @param file  the file to create or overwrite
     * @param entry the array and the dtype to save it as
     * @throws IllegalArgumentException if the dtype's elements are not the array's (see
     *                                  {@link #write(Path, NdArray, String)})
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path file, Entry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        write(file, entry.array(), entry.dtype(), 1);
    }

    /**
     * Writes {@code array} as the NumPy type {@code dtype}, which must be stored as the array's element
     * type: {@code u1} and {@code b1} from a {@link ByteArray}, {@code u2} and {@code f2} (binary16
     * bits, see {@link Float#floatToFloat16}) from a {@link ShortArray}, {@code u4} from an
     * {@link IntArray}, {@code u8} from a {@link LongArray}, or the array's own type. A {@code b1}
     * array must hold only 0 and 1, as NumPy's booleans do. A byte-order mark in {@code dtype} is
     * ignored: the array's byte order is written.
     *
     * @param file  the file to create or overwrite
     * @param array the array
     * @param dtype a NumPy type code such as {@code "u4"} or {@code "<f2"}
     * @throws IllegalArgumentException if Gatun does not write {@code dtype}, its elements are not the
     *                                  array's, or a {@code b1} array holds another value than 0 or 1
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path file, NdArray array, String dtype) throws IOException {
        write(file, array, dtype, 1);
    }

    private static void write(Path file, NdArray array, String dtype, int version) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(dtype, "dtype");
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("version must be 1, 2 or 3, got " + version);
        }
        NpyHeader header = header(array, dtype);
        if (array.isCContiguous() || array.isFortranContiguous()) {
            writeContiguous(file, array, header, version);
            return;
        }
        try (Arena scratch = Arena.ofConfined()) {
            writeContiguous(file, (NdArray) ((HostArray) array).copyInto(scratch), header, version);
        }
    }

    /** The header {@code array} is written with; the order is settled later, once the data is contiguous. */
    static NpyHeader header(NdArray array, String dtype) {
        NpyHeader header = NpyHeader.forArray(array, dtype, false);
        if (header.dtype().equals("b1")) {
            checkBooleans(array);
        }
        return header;
    }

    private static void checkBooleans(NdArray array) {
        ByteArray bytes = (ByteArray) array;
        long index = 0;
        for (byte value : bytes.toArray()) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException("parameter 'array': dtype 'b1' holds booleans, expected 0 or 1,"
                        + " got " + value + " at flat index " + index + " (in the array's order)");
            }
            index++;
        }
    }

    /** The complete {@code .npy} bytes before the data, in the version asked for (2.0 if 1.0 cannot hold it). */
    static byte[] preamble(NdArray contiguous, NpyHeader header, int version) {
        NpyHeader ordered = new NpyHeader(header.type(), header.dtype(), contiguous.byteOrder(),
                !contiguous.isCContiguous(), contiguous.shape());
        byte[] head = ordered.encode(version);
        if (version == 1 && head.length - 10 > 0xFFFF) {
            head = ordered.encode(2);
        }
        return head;
    }

    private static void writeContiguous(Path file, NdArray array, NpyHeader header, int version) throws IOException {
        byte[] head = preamble(array, header, version);
        MemorySegment data = array.segment();
        // Write a sibling and rename it over the target: readers never see half a file, and an
        // array still mapped from the old file keeps its pages (truncating it in place would not).
        Path target = file.toAbsolutePath();
        // Not createTempFile: its 0600 permissions would replace the umask-based ones users expect.
        Path partial = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "." + System.nanoTime() + ".partial");
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                writeFully(channel, ByteBuffer.wrap(head));
                writeData(channel, data);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Writes the segment's bytes. Only native memory and {@code byte[]} can be viewed as a
     * {@code ByteBuffer}; an array over a Java {@code double[]} (say) goes through a bounded buffer.
     */
    static void writeData(FileChannel channel, MemorySegment data) throws IOException {
        if (data.isNative() || data.heapBase().map(base -> base instanceof byte[]).orElse(false)) {
            for (long offset = 0; offset < data.byteSize(); offset += WRITE_CHUNK) {
                long length = Math.min(WRITE_CHUNK, data.byteSize() - offset);
                writeFully(channel, data.asSlice(offset, length).asByteBuffer());
            }
            return;
        }
        ByteBuffer staging = ByteBuffer.allocateDirect((int) Math.min(data.byteSize(), 1 << 20));
        MemorySegment window = MemorySegment.ofBuffer(staging);
        for (long offset = 0; offset < data.byteSize(); offset += staging.capacity()) {
            int length = (int) Math.min(staging.capacity(), data.byteSize() - offset);
            MemorySegment.copy(data, offset, window, 0, length);
            writeFully(channel, staging.clear().limit(length));
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * An array with the NumPy type it was read as or is to be written as. The array is a view of the
     * data with the same bits: {@code u1}, {@code b1} as a {@link ByteArray}, {@code u2} and
     * {@code f2} as a {@link ShortArray}, {@code u4} as an {@link IntArray}, {@code u8} as a
     * {@link LongArray}; other dtypes as their own array type.
     *
     * @param array the array
     * @param dtype the NumPy type string, with its byte-order mark as NumPy writes it ({@code "<u4"},
     *              {@code "|b1"})
     */
    public record Entry(NdArray array, String dtype) {

        /**
         * Checks that {@code dtype} is stored as the array's elements.
         *
         * @throws IllegalArgumentException if it is not, or Gatun does not know {@code dtype}
         */
        public Entry {
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(dtype, "dtype");
            NpyHeader.forArray(array, dtype, false);
        }
    }
}
