// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading libraries from a jar through the cache, from gatun.library.path, and the failures. */
class NativeLibraryTest {
    private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    @TempDir
    static Path shared;
    static GreetFixture fixture;
    static Path jar;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildLibraries() throws Exception {
        Path build = Files.createDirectories(shared.resolve("build"));
        fixture = GreetFixture.build(build);
        jar = fixture.jar(shared.resolve("greet.jar"));
    }

    @BeforeEach
    @AfterEach
    void clearProperties() {
        System.clearProperty(NativeLibrary.CACHE_DIR_PROPERTY);
        System.clearProperty(NativeLibrary.LIBRARY_PATH_PROPERTY);
    }

    @Test
    void extractsTheWholeSetIntoOneContentNamedDirectoryAndCallsThroughOriginRpath() throws Throwable {
        Path cache = temp.resolve("cache");
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, cache.toString());

        NativeLibrary greet = NativeLibrary.load(GreetFixture.anchorIn(jar), "greet");

        Path setDir = cache.resolve(GreetFixture.sha256(fixture.sums().getBytes()));
        assertEquals(setDir.resolve("libgreet.so").toRealPath(), greet.path());
        assertEquals("libgreet.so", greet.name());
        assertEquals(GreetFixture.sha256(fixture.libraries.get("libgreet.so")), greet.sha256().orElseThrow());
        try (Stream<Path> files = Files.list(setDir)) {
            assertEquals(List.of(".lock", ".verified", "libbase.so", "libgreet.so"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temp files left behind");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(setDir)));
        MethodHandle answer = greet.downcall("greet_answer", INT_INT);
        assertEquals(42, (int) answer.invokeExact(2));

        assertSame(greet, NativeLibrary.load(GreetFixture.anchorIn(jar), "greet"), "one instance per library");
        assertTrue(NativeLibrary.loaded().contains(greet));
    }

    @Test
    void missingSymbolNamesLibraryPathAndSymbol() {
        NativeLibrary base = NativeLibrary.load(fixture.buildDir.resolve("libbase.so"));
        var e = assertThrows(NativeSymbolNotFoundException.class, () -> base.find("no_such_kernel"));
        assertTrue(e.getMessage().contains("'no_such_kernel'"), e.getMessage());
        assertTrue(e.getMessage().contains("libbase.so"), e.getMessage());
        assertTrue(e.getMessage().contains(base.path().toString()), e.getMessage());
        assertEquals("no_such_kernel", e.symbol());
        assertTrue(base.lookup("no_such_kernel").isEmpty());
        assertTrue(base.lookup("base_value").isPresent());
    }

    @Test
    void libraryPathLoadsInPlaceWithoutExtraction() throws Throwable {
        Path cache = temp.resolve("never-created");
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, cache.toString());
        System.setProperty(NativeLibrary.LIBRARY_PATH_PROPERTY, temp.resolve("empty") + java.io.File.pathSeparator
                + fixture.buildDir);

        NativeLibrary greet = NativeLibrary.load(GreetFixture.anchorIn(jar), "greet");

        assertEquals(fixture.buildDir.resolve("libgreet.so").toRealPath(), greet.path());
        assertTrue(greet.sha256().isEmpty(), "no hash for a library loaded as it is");
        assertFalse(Files.exists(cache), "nothing extracted");
        assertEquals(42, (int) greet.downcall("greet_answer", INT_INT).invokeExact(2));
    }

    @Test
    void libraryPathWithoutTheLibraryFailsNamingTheProperty() throws Exception {
        System.setProperty(NativeLibrary.LIBRARY_PATH_PROPERTY, temp.toString());
        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(jar), "greet"));
        assertTrue(e.getMessage().contains("gatun.library.path") && e.getMessage().contains("libgreet.so"),
                e.getMessage());
    }

    @Test
    void jarResourceThatDoesNotMatchItsHashIsRefused() throws Exception {
        Path cache = temp.resolve("cache");
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, cache.toString());
        String lyingSums = fixture.sums().replace(GreetFixture.sha256(fixture.libraries.get("libbase.so")),
                "0".repeat(64));
        Path badJar = fixture.jar(temp.resolve("bad.jar"), lyingSums);

        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(badJar), "greet"));

        assertTrue(e.getMessage().contains("libbase.so") && e.getMessage().contains("SHA256SUMS lists " + "0".repeat(64)),
                e.getMessage());
        Path setDir = cache.resolve(GreetFixture.sha256(lyingSums.getBytes()));
        try (Stream<Path> files = Files.list(setDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("libbase")
                    || f.getFileName().toString().endsWith(".tmp")), "neither the bad file nor a temp file stays");
        }
    }

    @Test
    void cacheUnderARegularFileIsUnwritableAndTheMessageSaysWhatToSet() throws Exception {
        Path file = Files.writeString(temp.resolve("plain-file"), "not a directory");
        Path cache = file.resolve("gatun");
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, cache.toString());

        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(jar), "greet"));

        assertTrue(e.getMessage().contains(cache + " cannot be created"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dgatun.cache.dir="), e.getMessage());
    }

    @Test
    void sharedWritableCacheIsRefused() throws Exception {
        Path cache = Files.createDirectory(temp.resolve("shared-cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, cache.toString());

        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(jar), "greet"));

        assertTrue(e.getMessage().contains(cache + " is writable by group or others"), e.getMessage());
        assertTrue(e.getMessage().contains("gatun.cache.dir"), e.getMessage());
    }

    @Test
    void symlinkedCacheIsRefused() throws Exception {
        Path real = Files.createDirectory(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("cache-link"), real);
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, link.toString());

        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(jar), "greet"));

        assertTrue(e.getMessage().contains(link + " is a symbolic link"), e.getMessage());
    }

    @Test
    void cacheOwnedBySomeoneElseIsRefused() throws Exception {
        Path cache = Files.createDirectory(temp.resolve("foreign"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int nobody = 65534;
        // As root we can hand the directory to another user; as anyone else this test cannot set up.
        try {
            Files.setAttribute(cache, "unix:uid", nobody, LinkOption.NOFOLLOW_LINKS);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("cannot chown a directory to uid " + nobody + ": " + e);
        }
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, cache.toString());

        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(jar), "greet"));

        assertTrue(e.getMessage().contains("owned by uid " + nobody), e.getMessage());
    }

    @Test
    void libraryNotShippedSaysWhereItLookedAndWhatToSet() throws Exception {
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, temp.toString());
        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(jar), "absent"));
        assertTrue(e.getMessage().contains("libabsent.so") && e.getMessage().contains("gatun.library.path")
                && e.getMessage().contains(GreetFixture.SET_DIR), e.getMessage());
    }

    @Test
    void twoJarsShippingALibraryOfTheSameNameEachLoadTheirOwnInEitherClassPathOrder() throws Throwable {
        Path build = Files.createDirectories(temp.resolve("other"));
        Files.writeString(build.resolve("greet.c"), "int greet_answer(int x) { return 70 + x; }\n");
        GreetFixture.run(build, "gcc", "-shared", "-fPIC", "-O2", "-o", "libgreet.so", "greet.c", "-Wl,-soname,libgreet.so");
        byte[] other = Files.readAllBytes(build.resolve("libgreet.so"));
        Path otherJar = GreetFixture.jar(temp.resolve("other.jar"), "dev.gatun.load.testjar.OtherAnchor", Map.of(
                GreetFixture.SET_DIR + "SHA256SUMS", (GreetFixture.sha256(other) + "  libgreet.so\n").getBytes(),
                GreetFixture.SET_DIR + "libgreet.so", other));
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, temp.resolve("cache").toString());
        for (List<Path> classPath : List.of(List.of(jar, otherJar), List.of(otherJar, jar))) {
            try (var loader = new URLClassLoader(new URL[] {classPath.get(0).toUri().toURL(), classPath.get(1).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                NativeLibrary mine = NativeLibrary.load(Class.forName(GreetFixture.ANCHOR, false, loader), "greet");
                NativeLibrary theirs = NativeLibrary.load(Class.forName("dev.gatun.load.testjar.OtherAnchor", false, loader), "greet");
                assertEquals(42, (int) mine.downcall("greet_answer", INT_INT).invokeExact(2), "class path " + classPath);
                assertEquals(72, (int) theirs.downcall("greet_answer", INT_INT).invokeExact(2), "class path " + classPath);
            }
        }
    }

    @Test
    void anAnchorJarWhoseOwnSetLacksTheLibraryLoadsItFromAnotherJarInEitherClassPathOrder() throws Throwable {
        byte[] base = fixture.libraries.get("libbase.so");
        Path bindingsJar = GreetFixture.jar(temp.resolve("bindings.jar"), GreetFixture.ANCHOR, Map.of(
                GreetFixture.SET_DIR + "SHA256SUMS", (GreetFixture.sha256(base) + "  libbase.so\n").getBytes(),
                GreetFixture.SET_DIR + "libbase.so", base));
        Path nativesJar = fixture.jar(temp.resolve("natives.jar"));
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, temp.resolve("cache").toString());
        for (List<Path> classPath : List.of(List.of(bindingsJar, nativesJar), List.of(nativesJar, bindingsJar))) {
            try (var loader = new URLClassLoader(new URL[] {classPath.get(0).toUri().toURL(), classPath.get(1).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                NativeLibrary greet = NativeLibrary.load(Class.forName(GreetFixture.ANCHOR, false, loader), "greet");
                assertEquals(42, (int) greet.downcall("greet_answer", INT_INT).invokeExact(2), "class path " + classPath);
                assertEquals(GreetFixture.sha256(fixture.sums().getBytes()), greet.path().getParent().getFileName().toString(),
                        "the natives jar's set");
            }
        }
    }

    @Test
    void aWarmStartReadsTheAnchorsOwnJarDirectlyWithoutTheJarUrlHandler() throws Exception {
        Path cache = temp.resolve("cache");
        String cold = childLoad(cache);
        assertTrue(cold.contains("answer=42"), cold);
        String warm = childLoad(cache);
        assertTrue(warm.contains("answer=42"), warm);
        assertTrue(warm.lines().anyMatch(line -> line.contains("dev.gatun.load.testjar.GreetAnchor source: file:")
                && line.endsWith(jar.getFileName().toString())), "anchored in the jar:\n" + warm);
        assertFalse(warm.contains("sun.net.www.protocol.jar.JarURLConnection "), "a jar: URL was opened:\n" + warm);
    }

    /** Runs {@link JarLoadProbe} on the test jar in a child JVM that logs class loading; returns its output. */
    private static String childLoad(Path cache) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                "-D" + NativeLibrary.CACHE_DIR_PROPERTY + "=" + cache, "-cp", System.getProperty("java.class.path"),
                JarLoadProbe.class.getName(), jar.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void aLibrarySkippedAtBuildTimeSaysSoWhenLoaded() throws Exception {
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, temp.toString());
        Path skipped = GreetFixture.jar(temp.resolve("skipped.jar"), GreetFixture.ANCHOR, Map.of(
                GreetFixture.SET_DIR + "libgreet.so.skipped",
                "nvcc (the NVCC compiler) is not on PATH (<missingCompiler>SKIP</missingCompiler>)\n".getBytes()));
        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.load(GreetFixture.anchorIn(skipped), "greet"));
        assertTrue(e.getMessage().contains("libgreet.so was skipped when its jar was built: nvcc (the NVCC compiler) is not on"
                + " PATH (<missingCompiler>SKIP</missingCompiler>); rebuild that jar where the compiler is installed"), e.getMessage());
    }

    @Test
    void badNameIsRejectedNamingTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> NativeLibrary.load(NativeLibraryTest.class, "a/b"));
        assertTrue(e.getMessage().startsWith("name:"), e.getMessage());
    }

    @Test
    void systemLibraryBySonameReportsTheLoadersPath() {
        NativeLibrary libm = NativeLibrary.loadSystem("libdoes-not-exist.so.9", "libm.so.6").orElseThrow();
        assertEquals("libm.so.6", libm.name());
        assertTrue(libm.path().isAbsolute() && libm.path().getFileName().toString().startsWith("libm"), libm.path().toString());
        assertTrue(libm.lookup("cos").isPresent());
        assertSame(libm, NativeLibrary.findLoadedSystem("libm.so.6").orElseThrow());
        assertTrue(NativeLibrary.loadSystem("libdoes-not-exist.so.9").isEmpty());
        var e = assertThrows(NativeLoadException.class, () -> NativeLibrary.requireSystem("libdoes-not-exist.so.9"));
        assertTrue(e.getMessage().contains("libdoes-not-exist.so.9: cannot open shared object file"), e.getMessage());
    }

    @Test
    void platformIdIsOsDashArch() {
        assertEquals("linux-x86_64", new Platform("linux", "x86_64").id());
        assertThrows(IllegalArgumentException.class, () -> new Platform("Linux", "x86_64"));
        assertFalse(Platform.current().id().isBlank());
    }
}
