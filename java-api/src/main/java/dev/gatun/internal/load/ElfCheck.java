// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a file is a whole ELF shared object for this machine before {@code dlopen} sees it.
 *
 * <p>The dynamic loader maps each {@code PT_LOAD} segment from the file and reads it: a segment that
 * runs past the end of a truncated file is a {@code SIGBUS} that kills the JVM, and a file that is not
 * ELF at all is at best a confusing loader message. This reads the ELF header and program headers
 * (a few hundred bytes) and checks the magic, class, byte order, type and machine, and that every
 * segment and header table lies inside the file. It cannot see corruption inside a segment of the
 * right size: that is what the SHA-256 of a jar's {@code SHA256SUMS} is for.
 *
 * <p>It also reads the dynamic section's flags: a library linked with {@code -z now} (every library
 * Gatun's compiler driver builds) has every symbol resolved by the loader at {@code dlopen} whatever
 * mode the caller asks for, so the JDK's own lazy {@code dlopen} is as safe for it as {@code RTLD_NOW}.
 */
public final class ElfCheck {
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int ET_DYN = 3;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final long DT_NULL = 0;
    private static final long DT_BIND_NOW = 24;
    private static final long DT_FLAGS = 30;
    private static final long DT_FLAGS_1 = 0x6ffffffbL;
    private static final long DF_BIND_NOW = 0x8;
    private static final long DF_1_NOW = 0x1;
    private static final int DYN_SIZE = 16;
    /** The flags sit among the first few dozen entries; a larger dynamic section is read only this far. */
    private static final int MAX_DYNAMIC_BYTES = 64 * 1024;
    /** No real library has more; a larger count is corruption, and would make us read megabytes. */
    private static final int MAX_PROGRAM_HEADERS = 4096;

    private ElfCheck() {
    }

    /**
     * What the headers of a library file say.
     *
     * @param problem why the file cannot be loaded, or null when its headers are sound
     * @param bindsNow whether its dynamic section asks the loader to resolve every symbol at load
     *     ({@code DT_BIND_NOW}, {@code DF_BIND_NOW} or {@code DF_1_NOW}); false when {@code problem} is set
     */
    public record Inspection(String problem, boolean bindsNow) {
    }

    /**
     * Checks the headers of {@code file} and reads its binding flags.
     *
     * @param file the library file
     * @return the problem, if any, and whether the library binds now
     * @throws IOException when the file cannot be read
     */
    public static Inspection inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < EHDR_SIZE) {
                return bad("is not a shared library: " + size + " bytes is shorter than an ELF header");
            }
            ByteBuffer header = read(channel, 0, EHDR_SIZE);
            if (header.get(0) != 0x7f || header.get(1) != 'E' || header.get(2) != 'L' || header.get(3) != 'F') {
                return bad("is not a shared library: it does not start with the ELF magic \\x7fELF");
            }
            if (header.get(4) != 2) {
                return bad("is a 32-bit ELF file; this JVM loads 64-bit libraries only");
            }
            if (header.get(5) != 1) {
                return bad("is a big-endian ELF file; this machine is little-endian");
            }
            header.order(ByteOrder.LITTLE_ENDIAN);
            int type = Short.toUnsignedInt(header.getShort(16));
            if (type != ET_DYN) {
                return bad("is an ELF file of type " + type + ", not a shared library (ET_DYN); link it with -shared");
            }
            int machine = Short.toUnsignedInt(header.getShort(18));
            int expected = expectedMachine();
            if (expected != 0 && machine != expected) {
                return bad("was built for ELF machine " + machine + ", not this " + System.getProperty("os.arch")
                        + " JVM (machine " + expected + "); build it for this platform");
            }
            long phoff = header.getLong(32);
            long shoff = header.getLong(40);
            int phentsize = Short.toUnsignedInt(header.getShort(54));
            int phnum = Short.toUnsignedInt(header.getShort(56));
            int shentsize = Short.toUnsignedInt(header.getShort(58));
            int shnum = Short.toUnsignedInt(header.getShort(60));
            if (phnum == 0 || phnum > MAX_PROGRAM_HEADERS || phentsize < PHDR_SIZE) {
                return bad("is corrupt: " + phnum + " program headers of " + phentsize + " bytes");
            }
            long phend = phoff + (long) phnum * phentsize;
            if (phoff < EHDR_SIZE || phend > size) {
                return bad(truncated("its program headers", phend, size));
            }
            ByteBuffer table = read(channel, phoff, (int) (phend - phoff)).order(ByteOrder.LITTLE_ENDIAN);
            boolean loadable = false;
            long dynamicOffset = -1;
            long dynamicSize = 0;
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                int kind = table.getInt(at);
                long offset = table.getLong(at + 8);
                long fileSize = table.getLong(at + 32);
                if (kind != PT_LOAD && kind != PT_DYNAMIC) {
                    continue;
                }
                loadable |= kind == PT_LOAD;
                if (kind == PT_DYNAMIC) {
                    dynamicOffset = offset;
                    dynamicSize = fileSize;
                }
                if (offset < 0 || fileSize < 0 || offset + fileSize > size || offset + fileSize < offset) {
                    return bad(truncated((kind == PT_LOAD ? "segment " : "dynamic section ") + i, offset + fileSize, size));
                }
            }
            if (!loadable) {
                return bad("is corrupt: it has no loadable segment");
            }
            if (shoff != 0 && (shoff < 0 || shoff + (long) shnum * shentsize > size)) {
                return bad(truncated("its section headers", shoff + (long) shnum * shentsize, size));
            }
            return new Inspection(null, dynamicOffset >= 0 && bindsNow(channel, dynamicOffset, dynamicSize));
        }
    }

    private static Inspection bad(String problem) {
        return new Inspection(problem, false);
    }

    /** Whether the dynamic section (already checked to lie inside the file) asks for immediate binding. */
    private static boolean bindsNow(FileChannel channel, long offset, long size) throws IOException {
        int length = (int) Math.min(size, MAX_DYNAMIC_BYTES) / DYN_SIZE * DYN_SIZE;
        ByteBuffer dynamic = read(channel, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < length; at += DYN_SIZE) {
            long tag = dynamic.getLong(at);
            long value = dynamic.getLong(at + 8);
            if (tag == DT_NULL) {
                return false;
            }
            if (tag == DT_BIND_NOW || tag == DT_FLAGS && (value & DF_BIND_NOW) != 0
                    || tag == DT_FLAGS_1 && (value & DF_1_NOW) != 0) {
                return true;
            }
        }
        return false;
    }

    private static String truncated(String what, long end, long size) {
        return "is truncated or corrupt: " + what + " end at byte " + end + ", but the file has " + size + " bytes";
    }

    private static int expectedMachine() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> EM_X86_64;
            case "aarch64" -> EM_AARCH64;
            default -> 0; // other architectures: the loader's own check decides
        };
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file shrank while it was read");
            }
        }
        return buffer.flip();
    }
}
