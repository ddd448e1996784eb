// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeResourcesTest {

    @TempDir
    Path dir;

    @Test
    void twoLibrariesShareOneSortedListAndUnchangedBytesAreNotRewritten() throws Exception {
        Path built = Files.createDirectories(dir.resolve("build"));
        Path one = Files.write(built.resolve("libone.so"), new byte[] {1, 2, 3});
        Path two = Files.write(built.resolve("libtwo.so"), new byte[] {4, 5});
        var resources = new NativeResources(dir.resolve("classes"), "linux-x86_64");
        resources.ship(two);
        resources.ship(one);
        Path shipped = dir.resolve("classes/META-INF/native/linux-x86_64");
        assertEquals(resources.directory(), shipped);
        assertEquals(BuildStamp.sha256(one) + "  libone.so\n" + BuildStamp.sha256(two) + "  libtwo.so\n",
                Files.readString(shipped.resolve("SHA256SUMS")));
        assertTrue(resources.intact("libone.so") && resources.intact("libtwo.so"));

        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(shipped.resolve("libone.so"), old);
        Files.setLastModifiedTime(shipped.resolve("SHA256SUMS"), old);
        resources.ship(one);
        assertEquals(old, Files.getLastModifiedTime(shipped.resolve("libone.so")), "same bytes: the library is not rewritten");
        assertEquals(old, Files.getLastModifiedTime(shipped.resolve("SHA256SUMS")), "same list: not rewritten");

        Files.write(shipped.resolve("libone.so"), new byte[] {9});
        assertFalse(resources.intact("libone.so"), "a modified shipped library is not intact");
        Files.write(one, new byte[] {7, 7});
        resources.ship(one);
        assertTrue(resources.intact("libone.so"));
        assertTrue(Files.readString(shipped.resolve("SHA256SUMS")).contains(BuildStamp.sha256(new byte[] {7, 7}) + "  libone.so\n"));
    }

    @Test
    void aStampChangesWithAnyInputByteOrSetting() throws Exception {
        Path src = Files.writeString(dir.resolve("k.f90"), "module k\nend module\n");
        String first = new BuildStamp().add("openmp", false).addFiles("source", java.util.List.of(src)).finish();
        assertEquals(first, new BuildStamp().add("openmp", false).addFiles("source", java.util.List.of(src)).finish());
        assertFalse(first.equals(new BuildStamp().add("openmp", true).addFiles("source", java.util.List.of(src)).finish()));
        Files.writeString(src, "module k\n\nend module\n");
        assertFalse(first.equals(new BuildStamp().add("openmp", false).addFiles("source", java.util.List.of(src)).finish()));
    }
}
