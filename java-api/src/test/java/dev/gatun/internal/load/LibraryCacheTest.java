// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extraction rules: reuse only verified files, replace tampered ones by rename, parse SHA256SUMS strictly. */
class LibraryCacheTest {
    private static final byte[] ONE = "first library bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TWO = "second library bytes".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, byte[]> FILES = Map.of("libone.so", ONE, "libtwo.so.1", TWO);

    @TempDir
    Path temp;

    private static LibrarySet set() {
        String sums = LibrarySet.sha256(ONE) + "  libone.so\n" + LibrarySet.sha256(TWO) + " *libtwo.so.1\n";
        return LibrarySet.parse(sums.getBytes(StandardCharsets.UTF_8), "test SHA256SUMS");
    }

    private static LibraryCache.Source source() {
        return name -> new ByteArrayInputStream(FILES.get(name));
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void verifiedFileIsReusedNotRewritten() throws Exception {
        LibraryCache cache = new LibraryCache(temp.resolve("cache"));
        Path dir = cache.extract(set(), source());
        Object before = inode(dir.resolve("libone.so"));

        assertEquals(dir, cache.extract(set(), source()));

        assertEquals(before, inode(dir.resolve("libone.so")), "same inode: the file was only hashed");
        assertEquals(set().id(), dir.getFileName().toString());
    }

    @Test
    void aVerifiedFileIsNotHashedAgainUntilItIsWrittenOrReplaced() throws Exception {
        LibraryCache cache = new LibraryCache(temp.resolve("cache"));
        Path dir = cache.extract(set(), source());
        String record = Files.readString(dir.resolve(LibraryCache.VERIFIED));
        assertTrue(record.contains("libone.so " + LibrarySet.sha256(ONE) + " " + LibraryCache.identity(dir.resolve("libone.so"))),
                record);
        // A source that fails proves the second extraction neither reads nor re-installs anything.
        LibraryCache.Source unused = name -> {
            throw new AssertionError("re-extracted " + name);
        };
        assertEquals(dir, cache.extract(set(), unused));

        // Written in place with the same length: the record no longer matches (ctime), so it is hashed and replaced.
        Path one = dir.resolve("libone.so");
        Files.write(one, "FIRST library bytes".getBytes(StandardCharsets.UTF_8));
        cache.extract(set(), source());
        assertTrue(LibraryCache.hashMatches(one, LibrarySet.sha256(ONE)));
    }

    /** A set directory as an older build left it, last used {@code days} ago. */
    private static Path oldSet(Path root, String id, int days) throws Exception {
        Path dir = Files.createDirectories(root.resolve(id));
        Path lib = Files.write(dir.resolve("libold.so"), ONE);
        java.nio.file.attribute.FileTime then = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(days)));
        Files.setLastModifiedTime(lib, then);
        return dir;
    }

    @Test
    void pruningRemovesOnlySetsUnusedForLongerThanTheMaximumAgeAndNeverOneInUse() throws Exception {
        Path root = temp.resolve("cache");
        LibraryCache cache = new LibraryCache(root);
        Path mine = cache.extract(set(), source()); // held by this JVM from now on
        Files.setLastModifiedTime(mine.resolve("libone.so"), java.nio.file.attribute.FileTime.fromMillis(0));
        Path old = oldSet(root, "a".repeat(64), 60);
        Path recent = oldSet(root, "b".repeat(64), 3);
        Path heldElsewhere = oldSet(root, "c".repeat(64), 60);
        Path notASet = Files.createDirectories(root.resolve("keep-me"));

        // Another process holds heldElsewhere with a shared POSIX lock, as a JVM using it does.
        Process holder;
        try {
            holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time; f=open(sys.argv[1],'a+');"
                    + " fcntl.lockf(f, fcntl.LOCK_SH); print('locked', flush=True); time.sleep(60)",
                    heldElsewhere.resolve(CacheEntries.LOCK).toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 is needed to hold a lock from another process: " + e.getMessage());
            return;
        }
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));
            var removed = CacheEntries.prune(root, java.time.Duration.ofDays(30));
            assertEquals(java.util.List.of(old), removed);
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        assertTrue(Files.isDirectory(mine) && Files.isDirectory(recent) && Files.isDirectory(heldElsewhere)
                && Files.isDirectory(notASet));
        assertTrue(Files.notExists(old));
        try (var left = Files.list(root)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".trash-")), "no trash left");
        }
        // Released by the other process and its last use long ago, it goes on the next pruning.
        Files.setLastModifiedTime(heldElsewhere.resolve(CacheEntries.LOCK), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(60))));
        assertEquals(java.util.List.of(heldElsewhere), CacheEntries.prune(root, java.time.Duration.ofDays(30)));
    }

    @Test
    void tamperedFileIsReplacedByANewInode() throws Exception {
        LibraryCache cache = new LibraryCache(temp.resolve("cache"));
        Path dir = cache.extract(set(), source());
        Path one = dir.resolve("libone.so");
        Files.write(one, "evil".getBytes(StandardCharsets.UTF_8)); // writes in place: same inode
        Object tamperedInode = inode(one);

        cache.extract(set(), source());

        assertTrue(LibraryCache.hashMatches(one, LibrarySet.sha256(ONE)));
        assertNotEquals(tamperedInode, inode(one), "replaced by rename, never written into");
    }

    @Test
    void symlinkPlantedAtAFileNameIsReplacedAndItsTargetLeftAlone() throws Exception {
        LibraryCache cache = new LibraryCache(temp.resolve("cache"));
        Path dir = cache.extract(set(), source());
        Path victim = Files.writeString(temp.resolve("victim"), "do not touch");
        Files.delete(dir.resolve("libtwo.so.1"));
        Files.createSymbolicLink(dir.resolve("libtwo.so.1"), victim);

        cache.extract(set(), source());

        assertTrue(Files.isRegularFile(dir.resolve("libtwo.so.1"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("do not touch", Files.readString(victim));
    }

    @Test
    void sumsParserRejectsPathsAndMalformedLines() {
        String hash = "a".repeat(64);
        var traversal = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse((hash + "  ../evil.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(traversal.getMessage().startsWith("S:1: file name '../evil.so'"), traversal.getMessage());
        var hidden = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse((hash + "  .hidden.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(hidden.getMessage().contains("'.hidden.so'"), hidden.getMessage());
        var malformed = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse(("\n" + hash + "\tlib.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(malformed.getMessage().startsWith("S:2: expected"), malformed.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse((hash + "  a.so\n" + hash + "  a.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    }
}
