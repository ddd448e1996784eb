// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import dev.gatun.load.NativeLoadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-user directory that native libraries from jars are extracted into.
 *
 * <p>The rules follow what went wrong elsewhere (sqlite-jdbc CVE-2023-32697, jansi#288, JavaCPP#182):
 * the cache is private to the user (0700, owned by them, not a symlink, not group or world writable);
 * a jar's library set goes into one directory named by the SHA-256 of its {@code SHA256SUMS}; each
 * file is written to a {@code CREATE_NEW} temp file, fsynced, verified and atomically renamed; an
 * existing file is reused only when its hash matches and is otherwise replaced by rename, so a
 * library another JVM has mapped is never written into. Any number of JVMs may extract at once:
 * each writes its own temp file and every rename installs identical, verified bytes.
 *
 * <p>A file is hashed once: after it is verified, its {@code stat} identity (device, inode, size,
 * modification and change times) is recorded beside its hash in the set's {@value #VERIFIED} file, and
 * later starts hash it again only when that identity changed. The record also keeps what {@link ElfCheck} said
 * of the file's headers when it was verified (whether they are sound and whether it binds now), so an unchanged
 * file is neither hashed nor read at start-up, only {@code stat}ed. Any write to the file changes its change
 * time ({@code ctime}, which no unprivileged call can set back) and any replacement changes its inode,
 * so a changed or replaced file is re-hashed. What this does not defend against is a process of the same
 * user forging both the file and the record: that user can already change the JVM, the jar or the
 * environment, and the cache's 0700 directory keeps every other user out (the same threat model as
 * {@code ~/.m2} or a virtualenv).
 */
public final class LibraryCache {
    /** System property that overrides the cache directory. */
    public static final String CACHE_DIR_PROPERTY = "gatun.cache.dir";
    /** System property naming directories to load libraries from directly, skipping extraction. */
    public static final String LIBRARY_PATH_PROPERTY = "gatun.library.path";

    /** Made on first use: seeding a SecureRandom costs milliseconds at every start, and most starts write nothing. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }
    /** This process's directory in procfs; its owner is the process's effective uid. */
    private static final Path PROC_SELF = Path.of("/proc/self");
    /** {@code stat} fields for the directory checks, read in one call. */
    private static final String MODE_AND_OWNER = "unix:mode,uid";
    // File type and permission bits of st_mode (<sys/stat.h>).
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IWGRP = 0020;
    private static final int S_IWOTH = 0002;
    /** The record of verified files in each set directory; the leading dot keeps it out of any SHA256SUMS. */
    static final String VERIFIED = ".verified";

    private final Path root;

    /**
     * A cache rooted at {@code root}; nothing is created until {@link #extract}.
     *
     * @param root the cache directory, e.g. {@code ~/.cache/gatun}
     */
    public LibraryCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The cache directory chosen by configuration: {@code gatun.cache.dir}, else
     * {@code $XDG_CACHE_HOME/gatun}, else {@code ~/.cache/gatun}. Read on every call.
     */
    public static Path configuredRoot() {
        String property = System.getProperty(CACHE_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "gatun");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "gatun");
    }

    /** Where this cache lives. */
    public Path root() {
        return root;
    }

    /** Opens one file of a library set, e.g. a jar resource. */
    @FunctionalInterface
    public interface Source {
        /** Opens {@code fileName}; the caller closes the stream. */
        InputStream open(String fileName) throws IOException;
    }

    /**
     * What {@link #extract} made ready: the set's directory, and what the ELF headers of its files said when
     * they were verified.
     *
     * @param directory the directory holding the set's files under their own names
     * @param headers file name to its {@link ElfCheck} inspection, for each file whose headers passed; a file
     *     missing here (headers unsound or unreadable) must be inspected by the caller before it is loaded
     */
    public record Extracted(Path directory, Map<String, ElfCheck.Inspection> headers) {
    }

    /**
     * Makes every file of {@code set} present and verified in its own directory of this cache.
     *
     * @return the set's directory, and the ELF inspection recorded for each file when it was verified
     * @throws NativeLoadException when the cache is unsafe or unwritable, or a resource's bytes do not
     *     match {@code SHA256SUMS}
     */
    public Extracted extract(LibrarySet set, Source source) {
        Path dir = root.resolve(set.id());
        ensurePrivateDirectory(root);
        ensurePrivateDirectory(dir);
        // Before verifying: once this JVM holds the set, no pruner can remove it under the loader.
        CacheEntries.markInUse(dir);
        Map<String, String> verified = readVerified(dir);
        Map<String, ElfCheck.Inspection> headers = new HashMap<>();
        boolean changed = false;
        // By name, not entrySet(): an unmodifiable map's entry view is three classes to load at every start.
        for (String name : set.files().keySet()) {
            String hash = set.files().get(name);
            Path target = dir.resolve(name);
            String unchanged = hash + " " + identity(target) + " ";
            String record = verified.get(name);
            ElfCheck.Inspection known = record != null && record.startsWith(unchanged)
                    ? recordedHeaders(record.substring(unchanged.length())) : null;
            if (known != null) {
                // Hashed before and not written or replaced since: its headers are what they were then.
                if (known.problem() == null) {
                    headers.put(name, known);
                }
                continue;
            }
            if (!hashMatches(target, hash)) {
                Writes.install(set, source, name, hash, target);
            }
            String identity = identity(target);
            ElfCheck.Inspection inspection = inspectHeaders(target);
            if (inspection == null) {
                verified.remove(name); // headers unreadable: verified again at the next start
            } else {
                verified.put(name, hash + " " + identity + " " + headersToken(inspection));
                if (inspection.problem() == null) {
                    headers.put(name, inspection);
                }
            }
            changed = true;
        }
        if (changed) {
            writeVerified(dir, verified);
            syncDirectory(dir);
        }
        CacheEntries.pruneIfDue(root);
        return new Extracted(dir, headers);
    }

    /**
     * The ELF inspection a {@value #VERIFIED} record keeps after the hash and the identity, or null when it keeps
     * none: {@code elf=now} or {@code elf=lazy} for sound headers (binds now or not), {@code elf=bad} for headers
     * {@link ElfCheck} refused (the caller inspects again for the message). A record without it, as older versions
     * wrote, does not match, so such a file is verified once more and its record rewritten. (Methods here, not a
     * nested class: every class is a few hundred microseconds to load at every start.)
     */
    private static ElfCheck.Inspection recordedHeaders(String token) {
        return switch (token) {
            case "elf=now" -> new ElfCheck.Inspection(null, true);
            case "elf=lazy" -> new ElfCheck.Inspection(null, false);
            case "elf=bad" -> new ElfCheck.Inspection("was refused when it was verified", false);
            default -> null;
        };
    }

    private static String headersToken(ElfCheck.Inspection inspection) {
        return inspection.problem() != null ? "elf=bad" : inspection.bindsNow() ? "elf=now" : "elf=lazy";
    }

    /** The file's inspection, or null when it cannot be read. */
    private static ElfCheck.Inspection inspectHeaders(Path file) {
        try {
            return ElfCheck.inspect(file);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The {@code stat} fields that change whenever a file's content may have: device, inode, size, and
     * modification and change times in nanoseconds; "absent" for a missing file or one that is not regular.
     */
    static String identity(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,mode,lastModifiedTime,ctime",
                    LinkOption.NOFOLLOW_LINKS);
            if (!(a.get("mode") instanceof Integer mode) || (mode & S_IFMT) != S_IFREG) {
                return "absent";
            }
            return a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                    + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + ":"
                    + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "absent"; // never matches a record: the file is hashed as before
        }
    }

    /** The records, by file name; read as bytes and split by hand (no charset decoder on every start). */
    private static Map<String, String> readVerified(Path dir) {
        Map<String, String> records = new HashMap<>();
        String text;
        try {
            text = new String(Files.readAllBytes(dir.resolve(VERIFIED)), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return records; // absent or unreadable: every file is hashed, and the record written again
        }
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int space = text.indexOf(' ', start);
            if (space > start && space < end) {
                records.put(text.substring(start, space), text.substring(space + 1, end));
            }
            start = end + 1;
        }
        return records;
    }

    /** Replaces the record by rename, so a JVM reading it at the same time sees the old or the new one whole. */
    private static void writeVerified(Path dir, Map<String, String> records) {
        var text = new StringBuilder();
        new TreeMap<>(records).forEach((name, record) -> text.append(name).append(' ').append(record).append('\n'));
        Path temp = dir.resolve(VERIFIED + "." + HexFormat.of().toHexDigits(Random.SOURCE.nextLong()) + ".tmp");
        try {
            Files.write(temp, text.toString().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(temp, dir.resolve(VERIFIED), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only an optimisation: the next start hashes again.
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // A leftover dot-file is harmless.
            }
        }
    }

    /** Whether {@code file} is a regular file (not a link) whose SHA-256 is {@code expected}. */
    public static boolean hashMatches(Path file, String expected) {
        try {
            var attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && expected.equals(sha256(file));
        } catch (IOException e) {
            return false; // absent or unreadable: extract it again
        }
    }

    /** Lowercase hex SHA-256 of a file's content, not following a final symlink. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = LibrarySet.newDigest();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Creates {@code dir} as 0700 if needed and checks it is a private directory of this user. A directory that
     * exists costs one {@code lstat}: its mode and owner are read together, and nothing is created.
     *
     * @throws NativeLoadException naming the path and {@code gatun.cache.dir}
     */
    static void ensurePrivateDirectory(Path dir) {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(dir, MODE_AND_OWNER, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            attributes = Writes.create(dir); // absent (or unreadable: creating it says why)
        }
        String problem = problemWith(attributes);
        if (problem != null) {
            throw unusable(dir, problem, null);
        }
    }

    /**
     * Why {@code dir} is not a private cache directory of this user, or {@code null} when it is one.
     * Creates nothing, so {@code gatun info} can report on the cache without changing it.
     */
    public static String problemWith(Path dir) {
        try {
            return problemWith(Files.readAttributes(dir, MODE_AND_OWNER, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot be inspected (" + e + ")";
        }
    }

    /** The checks of {@link #problemWith(Path)} on the directory's {@code unix:mode,uid} (read without following links). */
    private static String problemWith(Map<String, Object> attributes) {
        if (!(attributes.get("mode") instanceof Integer mode)) {
            return "cannot be inspected (no file mode)";
        }
        if ((mode & S_IFMT) == S_IFLNK) {
            return "is a symbolic link; another user could point it elsewhere";
        }
        if ((mode & S_IFMT) != S_IFDIR) {
            return "is not a directory";
        }
        Object uid = attributes.get("uid");
        int me = currentUid();
        if (!(uid instanceof Integer owner) || owner != me) {
            return "is owned by uid " + uid + ", not by this user (uid " + me + ")";
        }
        if ((mode & (S_IWGRP | S_IWOTH)) != 0) {
            return "is writable by group or others (" + permissions(mode) + "); chmod 700 it";
        }
        return null;
    }

    /**
     * The effective user id of this process: the owner of the directories and files it creates, which the cache
     * must belong to. On Linux it is the owner of {@code /proc/self} (one {@code stat}, no downcall: binding
     * {@code getuid} is a new downcall shape, milliseconds at every start; the kernel gives a process's {@code /proc}
     * directory its effective uid, root's only for a process made non-dumpable, e.g. by a set-uid start).
     * Elsewhere, or without {@code /proc}, {@link Dlfcn#getuid()}: the real user id, which differs from the
     * effective one only in a set-uid process.
     */
    static int currentUid() {
        try {
            if (Files.getAttribute(PROC_SELF, "unix:uid") instanceof Integer uid) {
                return uid;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: ask libc.
        }
        return Dlfcn.getuid();
    }

    /** {@code rwxr-x---} for mode 0750, as {@link PosixFilePermissions#toString} writes it. */
    private static String permissions(int mode) {
        var text = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            text.append((mode >> shift & 4) != 0 ? 'r' : '-').append((mode >> shift & 2) != 0 ? 'w' : '-')
                    .append((mode >> shift & 1) != 0 ? 'x' : '-');
        }
        return text.toString();
    }

    /** Mode 0700 for what the cache creates; made when something is created, not at every start. */
    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    private static NativeLoadException unusable(Path dir, String why, Throwable cause) {
        return new NativeLoadException("native library cache directory " + dir + " " + why + "; set -D"
                + CACHE_DIR_PROPERTY + "=<a private directory you own> (or -D" + LIBRARY_PATH_PROPERTY
                + "=<directory with the libraries> to skip extraction)", cause);
    }

    /** Makes the renames durable; a failure only weakens crash safety, never correctness. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to sync directories; the files themselves were fsynced.
        }
    }

    /**
     * What only writes need (creating a directory, installing a file), apart from the checks every start makes: its
     * catch clauses would make the verifier load exception classes that a start which writes nothing never needs.
     */
    private static final class Writes {
        private Writes() {
        }

        /** Creates {@code dir} (and its parents) and reads it back; made by another JVM meanwhile is fine. */
        static Map<String, Object> create(Path dir) {
            try {
                Path parent = dir.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                }
            } catch (IOException | UnsupportedOperationException e) {
                throw unusable(dir, "cannot be created: its parent " + dir.getParent() + " cannot be made a directory ("
                        + e + ")", e);
            }
            try {
                Files.createDirectory(dir, ownerOnly());
            } catch (FileAlreadyExistsException e) {
                // Made earlier or by another JVM right now; the checks decide whether it is usable.
            } catch (IOException | UnsupportedOperationException e) {
                throw unusable(dir, "cannot be created (" + e + ")", e);
            }
            try {
                return Files.readAttributes(dir, MODE_AND_OWNER, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                throw unusable(dir, "cannot be inspected (" + e + ")", e);
            }
        }

        static void install(LibrarySet set, Source source, String name, String expected, Path target) {
            Path temp = target.resolveSibling("." + name + "." + HexFormat.of().toHexDigits(Random.SOURCE.nextLong()) + ".tmp");
            try {
                String actual = writeNew(source, name, temp);
                if (!actual.equals(expected)) {
                    throw new NativeLoadException("native library " + name + " in " + set.origin() + " has SHA-256 "
                            + actual + " but SHA256SUMS lists " + expected
                            + ": the jar is corrupt or was modified after it was built; rebuild or re-download it");
                }
                // rename(2) replaces the directory entry: a process that mapped the old file keeps its inode.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new NativeLoadException("cannot atomically rename " + temp + " to " + target
                        + "; set -D" + CACHE_DIR_PROPERTY + " to a directory on a local POSIX file system", e);
            } catch (IOException e) {
                throw new NativeLoadException("cannot extract native library " + name + " from " + set.origin()
                        + " into " + target.getParent() + " (" + e + "); set -D" + CACHE_DIR_PROPERTY
                        + " to a writable directory, or -D" + LIBRARY_PATH_PROPERTY
                        + " to a directory holding the libraries already extracted", e);
            } finally {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: a leftover dot-file is harmless, it is never loaded.
                }
            }
        }

        /** Copies the resource into a file that must not exist yet, fsyncs it, and returns its SHA-256. */
        private static String writeNew(Source source, String name, Path temp) throws IOException {
            MessageDigest digest = LibrarySet.newDigest();
            try (InputStream in = source.open(name);
                 FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                         LinkOption.NOFOLLOW_LINKS), ownerOnly())) {
                byte[] chunk = new byte[1 << 16];
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    digest.update(chunk, 0, n);
                    ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                out.force(true);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
