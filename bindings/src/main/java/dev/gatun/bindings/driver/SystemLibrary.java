// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the soname a prebuilt system library is loaded by at run time: {@code --link-system openblas}
 * becomes {@code libopenblas.so.0}. The development symlink {@code libopenblas.so} exists only where the
 * {@code -dev} package is installed, but the soname is what every machine with the runtime package has,
 * so generated bindings load the soname. It is read from the library's ELF {@code DT_SONAME} entry.
 */
public final class SystemLibrary {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_STRTAB = 5;
    private static final long DT_SONAME = 14;

    private SystemLibrary() {
    }

    /**
     * Returns the soname for {@code --link-system NAME}.
     *
     * @param name        a soname as it is ({@code libcuda.so.1}), or a library name as for {@code -l} ({@code openblas})
     * @param libraryDirs {@code -L} directories, searched first
     * @param compiler    the C compiler to ask for its own library search path ({@code cc -print-file-name})
     * @return the soname to load at run time
     * @throws IllegalArgumentException when the library cannot be found or read, naming the option and the fix
     */
    public static String soname(String name, List<Path> libraryDirs, String compiler) {
        if (name.contains(".so")) {
            return name;
        }
        if (!name.matches("[A-Za-z0-9_+.-]+")) {
            throw new IllegalArgumentException("--link-system '" + name + "': expected a library name such as openblas,"
                    + " or a soname such as libopenblas.so.0");
        }
        String file = "lib" + name + ".so";
        Optional<Path> found = libraryDirs.stream().map(d -> d.resolve(file)).filter(Files::exists).findFirst()
                .or(() -> askCompiler(compiler, file));
        Path library = found.orElseThrow(() -> new IllegalArgumentException("--link-system " + name + ": no " + file
                + " in " + libraryDirs + " or the search path of " + compiler + "; add -L DIR, install the -dev package,"
                + " or give the soname itself (e.g. " + file + ".1)"));
        try {
            return read(library).orElse(library.toRealPath().getFileName().toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("--link-system " + name + ": cannot read " + library + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> askCompiler(String compiler, String file) {
        List<String> command = new ArrayList<>(List.of(compiler.trim().split("\\s+")));
        command.add("-print-file-name=" + file);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            // gcc prints the bare name back when it does not find the file.
            return p.waitFor() == 0 && out.contains("/") && Files.exists(Path.of(out)) ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Reads {@code DT_SONAME} from a 64-bit little-endian ELF shared library.
     *
     * @param library the file (symlinks are followed)
     * @return the soname, or empty when the library has none
     * @throws IOException when the file is not such an ELF file (a linker script such as {@code libc.so}, say)
     */
    static Optional<String> read(Path library) throws IOException {
        try (FileChannel ch = FileChannel.open(library, StandardOpenOption.READ)) {
            ByteBuffer elf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.size() < 64 || elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
                throw new IOException(library + " is not a 64-bit little-endian ELF library (a linker script?);"
                        + " give the soname itself, e.g. --link-system libc.so.6");
            }
            long phoff = elf.getLong(0x20);
            int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
            int phnum = Short.toUnsignedInt(elf.getShort(0x38));
            List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
            long dynamic = -1;
            long dynamicSize = 0;
            for (int i = 0; i < phnum; i++) {
                int at = Math.toIntExact(phoff + (long) i * phentsize);
                int type = elf.getInt(at);
                if (type == PT_LOAD) {
                    loads.add(new long[] {elf.getLong(at + 16), elf.getLong(at + 8), elf.getLong(at + 32)});
                } else if (type == PT_DYNAMIC) {
                    dynamic = elf.getLong(at + 8);
                    dynamicSize = elf.getLong(at + 32);
                }
            }
            if (dynamic < 0) {
                return Optional.empty();
            }
            long strtab = -1;
            long soname = -1;
            for (long at = dynamic; at + 16 <= dynamic + dynamicSize; at += 16) {
                long tag = elf.getLong(Math.toIntExact(at));
                long value = elf.getLong(Math.toIntExact(at + 8));
                if (tag == 0) {
                    break;
                } else if (tag == DT_STRTAB) {
                    strtab = value;
                } else if (tag == DT_SONAME) {
                    soname = value;
                }
            }
            if (strtab < 0 || soname < 0) {
                return Optional.empty();
            }
            for (long[] load : loads) {
                if (strtab >= load[0] && strtab < load[0] + load[2]) {
                    int start = Math.toIntExact(strtab - load[0] + load[1] + soname);
                    int end = start;
                    while (elf.get(end) != 0) {
                        end++;
                    }
                    byte[] bytes = new byte[end - start];
                    elf.get(start, bytes);
                    return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
                }
            }
            return Optional.empty();
        }
    }
}
