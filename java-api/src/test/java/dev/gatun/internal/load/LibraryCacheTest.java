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
        Path dir = cache.extract(set(), source()).directory();
        Object before = inode(dir.resolve("libone.so"));

        assertEquals(dir, cache.extract(set(), source()).directory());

        assertEquals(before, inode(dir.resolve("libone.so")), "same inode: the file was only hashed");
        assertEquals(set().id(), dir.getFileName().toString());
    }

    @Test
    void aVerifiedFileIsNotHashedAgainUntilItIsWrittenOrReplaced() throws Exception {
        LibraryCache cache = new LibraryCache(temp.resolve("cache"));
        Path dir = cache.extract(set(), source()).directory();
        String record = Files.readString(dir.resolve(LibraryCache.VERIFIED));
        assertTrue(record.contains("libone.so " + LibrarySet.sha256(ONE) + " " + LibraryCache.identity(dir.resolve("libone.so"))),
                record);
        // A source that fails proves the second extraction neither reads nor re-installs anything.
        LibraryCache.Source unused = name -> {
            throw new AssertionError("re-extracted " + name);
        };
        assertEquals(dir, cache.extract(set(), unused).directory());

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
        Path mine = cache.extract(set(), source()).directory(); // held by this JVM from now on
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
        Path dir = cache.extract(set(), source()).directory();
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
        Path dir = cache.extract(set(), source()).directory();
        Path victim = Files.writeString(temp.resolve("victim"), "do not touch");
        Files.delete(dir.resolve("libtwo.so.1"));
        Files.createSymbolicLink(dir.resolve("libtwo.so.1"), victim);

        cache.extract(set(), source());

        assertTrue(Files.isRegularFile(dir.resolve("libtwo.so.1"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("do not touch", Files.readString(victim));
    }

    /** A real ELF shared library to cache: the JDK's own libjava.so (Linux). */
    private static byte[] realLibrary() throws Exception {
        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(libjava), "no " + libjava + " (not Linux)");
        return Files.readAllBytes(libjava);
    }

    @Test
    void theRecordKeepsTheElfCheckSoAnUnchangedFileIsNotReadAndAnOldRecordIsVerifiedAgain() throws Exception {
        byte[] elf = realLibrary();
        Map<String, byte[]> files = Map.of("libreal.so", elf, "libone.so", ONE);
        String sums = LibrarySet.sha256(elf) + "  libreal.so\n" + LibrarySet.sha256(ONE) + "  libone.so\n";
        LibrarySet set = LibrarySet.parse(sums.getBytes(StandardCharsets.UTF_8), "test SHA256SUMS");
        LibraryCache cache = new LibraryCache(temp.resolve("cache"));
        ElfCheck.Inspection expected = ElfCheck.inspect(Path.of(System.getProperty("java.home"), "lib", "libjava.so"));
        String token = expected.bindsNow() ? "elf=now" : "elf=lazy";

        LibraryCache.Extracted first = cache.extract(set, name -> new ByteArrayInputStream(files.get(name)));

        Path dir = first.directory();
        Path record = dir.resolve(LibraryCache.VERIFIED);
        assertEquals(Map.of("libreal.so", expected), first.headers(), "the non-ELF file's headers did not pass");
        String written = Files.readString(record);
        assertTrue(written.contains("libreal.so " + LibrarySet.sha256(elf) + " " + LibraryCache.identity(dir.resolve("libreal.so"))
                + " " + token + "\n"), written);
        assertTrue(written.contains("libone.so " + LibrarySet.sha256(ONE) + " " + LibraryCache.identity(dir.resolve("libone.so"))
                + " elf=bad\n"), written);

        // A matching record is trusted as it stands: a forged verdict for the unchanged non-ELF file is taken, which
        // shows its headers were not read again (forging needs this user's write access to the 0700 cache anyway).
        Files.writeString(record, written.replace("elf=bad", "elf=now"));
        LibraryCache.Source unused = name -> {
            throw new AssertionError("re-extracted " + name);
        };
        assertEquals(new ElfCheck.Inspection(null, true), cache.extract(set, unused).headers().get("libone.so"));

        // A record as older versions wrote it (no ELF field) does not match: verified once more and rewritten.
        Files.writeString(record, written.replace(" " + token, "").replace(" elf=bad", ""));
        LibraryCache.Extracted again = cache.extract(set, unused);
        assertEquals(Map.of("libreal.so", expected), again.headers());
        assertEquals(written, Files.readString(record));
    }

    @Test
    void aCacheDirectoryIsCreatedPrivateAndOnlyAPrivateDirectoryOfThisUserIsAccepted() throws Exception {
        Path root = temp.resolve("a").resolve("cache");
        new LibraryCache(root).extract(set(), source());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals(null, LibraryCache.problemWith(root));
        LibraryCache.ensurePrivateDirectory(root); // exists: accepted as it is

        Path groupWritable = Files.createDirectory(temp.resolve("group"));
        Files.setPosixFilePermissions(groupWritable, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwx---"));
        var shared = assertThrows(dev.gatun.load.NativeLoadException.class, () -> LibraryCache.ensurePrivateDirectory(groupWritable));
        assertTrue(shared.getMessage().contains(groupWritable + " is writable by group or others (rwxrwx---); chmod 700 it"),
                shared.getMessage());

        Path link = Files.createSymbolicLink(temp.resolve("link"), root);
        var linked = assertThrows(dev.gatun.load.NativeLoadException.class, () -> LibraryCache.ensurePrivateDirectory(link));
        assertTrue(linked.getMessage().contains(link + " is a symbolic link"), linked.getMessage());
        assertTrue(linked.getMessage().contains("-Dgatun.cache.dir="), linked.getMessage());

        Path file = Files.writeString(temp.resolve("file"), "x");
        assertEquals("is not a directory", LibraryCache.problemWith(file));
        assertTrue(LibraryCache.problemWith(temp.resolve("absent")).startsWith("cannot be inspected"));
    }

    @Test
    void maxAgeDaysIsCheckedOnEveryPruneIfDueAndZeroDisablesPruning() throws Exception {
        Path root = Files.createDirectories(temp.resolve("cache"));
        try {
            System.setProperty(CacheEntries.MAX_AGE_PROPERTY, "soon");
            var bad = assertThrows(IllegalArgumentException.class, () -> CacheEntries.pruneIfDue(root));
            assertEquals("gatun.cache.maxAgeDays: expected a whole number of days, got 'soon'", bad.getMessage());
            System.setProperty(CacheEntries.MAX_AGE_PROPERTY, "99999999999999999999");
            assertThrows(IllegalArgumentException.class, () -> CacheEntries.pruneIfDue(root));
            System.setProperty(CacheEntries.MAX_AGE_PROPERTY, " 0 ");
            assertEquals(java.util.List.of(), CacheEntries.pruneIfDue(root));
            assertTrue(Files.notExists(root.resolve(".pruned")), "disabled: not even the marker is written");
            System.setProperty(CacheEntries.MAX_AGE_PROPERTY, "+30");
            Path old = oldSet(root, "d".repeat(64), 60);
            assertEquals(java.util.List.of(old), CacheEntries.pruneIfDue(root));
            assertTrue(Files.exists(root.resolve(".pruned")));
            assertEquals(java.util.List.of(), CacheEntries.pruneIfDue(root), "not due again within a day");
        } finally {
            System.clearProperty(CacheEntries.MAX_AGE_PROPERTY);
        }
    }

    @Test
    void currentUidIsTheOwnerOfWhatThisProcessCreates() throws Exception {
        Path mine = Files.writeString(temp.resolve("mine"), "x");
        assertEquals(Files.getAttribute(mine, "unix:uid", LinkOption.NOFOLLOW_LINKS), LibraryCache.currentUid());
        assertEquals(LibraryCache.currentUid(), Dlfcn.getuid(), "the fallback agrees in a process that is not set-uid");
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
        var carriageReturn = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse((hash + "  a\r.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(carriageReturn.getMessage().startsWith("S:1: expected"), carriageReturn.getMessage());
        var shortHash = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse(("abc  a.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(shortHash.getMessage().startsWith("S:1: expected"), shortHash.getMessage());
        var notHex = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse(("g".repeat(64) + "  a.so\n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(notHex.getMessage().startsWith("S:1: expected"), notHex.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> LibrarySet.parse((hash + "  \n").getBytes(StandardCharsets.UTF_8), "S"));
        assertTrue(empty.getMessage().startsWith("S:1: expected"), empty.getMessage());
    }

    @Test
    void sumsParserTakesCrlfLinesBlankLinesUppercaseHexAndBinaryMarks() {
        String upper = "AB".repeat(32);
        byte[] content = ("\r\n" + upper + " *libb.so\r\n   \n" + "0".repeat(64) + "  liba.so").getBytes(StandardCharsets.UTF_8);
        LibrarySet set = LibrarySet.parse(content, "S");
        assertEquals(java.util.List.of("libb.so", "liba.so"), java.util.List.copyOf(set.files().keySet()), "listing order");
        assertEquals("ab".repeat(32), set.files().get("libb.so"));
        assertEquals("0".repeat(64), set.files().get("liba.so"));
        assertEquals(LibrarySet.sha256(content), set.id());
    }
}
