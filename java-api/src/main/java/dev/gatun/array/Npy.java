package dev.gatun.array;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads and writes NumPy {@code .npy} files: {@code numpy.save} on one side, Java on the other.
 *
 * <p>{@link #read(Path, Arena)} maps the file into memory: no bytes are copied, a 10 GB file opens
 * at once and its pages load when touched. Format versions 1.0, 2.0 and 3.0, both byte orders,
 * C and Fortran order and 0-d arrays are read, with element types {@code f8}, {@code f4},
 * {@code i4}, {@code i8} and {@code c16}. Anything else, and any malformed or truncated file,
 * raises an {@link NpyFormatException} naming the file and the problem.
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
            long headerStart = major == 1 ? 10 : 12;
            long dataOffset = headerStart + headerLength;
            if (dataOffset > fileSize) {
                throw new NpyFormatException(file, "truncated: the header of " + headerLength
                        + " bytes runs past the end of the file (" + fileSize + " bytes)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new NpyFormatException(file, "header of " + headerLength + " bytes is longer than the "
                        + MAX_HEADER_BYTES + " bytes Gatun accepts");
            }
            ByteBuffer headerBytes = readFully(file, channel, headerStart, (int) headerLength, fileSize);
            NpyHeader header = NpyHeader.parse(file, NpyHeader.decode(file, headerBytes.array(), major));
            long dataBytes = header.dataBytes(file);
            if (fileSize - dataOffset < dataBytes) {
                throw new NpyFormatException(file, "truncated: shape " + Layout.format(header.shape()) + " of "
                        + header.type().npyTypeCode() + " needs " + dataBytes + " data bytes after offset "
                        + dataOffset + ", but the file has " + (fileSize - dataOffset));
            }
            Layout layout = Layout.contiguous(header.fortran() ? Order.FORTRAN : Order.C, header.shape());
            MemorySegment data = copyPrivate ? copy(file, channel, dataOffset, dataBytes, arena)
                    : map(file, channel, mode, dataOffset, dataBytes, header.type(), arena);
            return (NdArray) HostArray.create(header.type(), data, layout, header.byteOrder());
        }
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
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(array, "array");
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("version must be 1, 2 or 3, got " + version);
        }
        if (array.isCContiguous() || array.isFortranContiguous()) {
            writeContiguous(file, array, version);
            return;
        }
        try (Arena scratch = Arena.ofConfined()) {
            writeContiguous(file, (NdArray) ((HostArray) array).copyInto(scratch), version);
        }
    }

    private static void writeContiguous(Path file, NdArray array, int version) throws IOException {
        boolean fortran = !array.isCContiguous();
        NpyHeader header = new NpyHeader(array.elementType(), array.byteOrder(), fortran, array.shape());
        byte[] head = header.encode(version);
        if (version == 1 && head.length - 10 > 0xFFFF) {
            head = header.encode(2);
        }
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
    private static void writeData(FileChannel channel, MemorySegment data) throws IOException {
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
}
