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
            assertEquals(List.of("libbase.so", "libgreet.so"),
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
