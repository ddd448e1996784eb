// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.internal.load.ElfCheck;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library linked with {@code -z now}, as Gatun's compiler driver links every library, is opened by the
 * JDK's own {@code dlopen} (no downcall handles of Gatun's to make at start-up); any other library still
 * goes through {@code Dlfcn} with {@code RTLD_NOW}, and a refused bind-now library still gets the loader's
 * own message.
 */
class BindNowLoadTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void buildLibraries() throws Exception {
        GreetFixture.build(Files.createDirectories(dir.resolve("fixture"))); // skips off Linux or without gcc
        Files.writeString(dir.resolve("twice.c"), "int twice(int x) { return 2 * x; }\n");
        Files.writeString(dir.resolve("needs.c"), "int gatun_defined_nowhere(int);\nint needs(int x) { return gatun_defined_nowhere(x); }\n");
        GreetFixture.run(dir, "gcc", "-shared", "-fPIC", "-O2", "-o", "libnow.so", "twice.c", "-Wl,-z,now");
        GreetFixture.run(dir, "gcc", "-shared", "-fPIC", "-O2", "-o", "liblazy.so", "twice.c", "-Wl,-z,lazy");
        // Links (a shared library may leave symbols to the loader), but no process defines the symbol.
        GreetFixture.run(dir, "gcc", "-shared", "-fPIC", "-O2", "-o", "libneeds.so", "needs.c", "-Wl,-z,now");
    }

    @Test
    void theDynamicSectionSaysWhetherALibraryBindsNow() throws Exception {
        assertTrue(ElfCheck.inspect(dir.resolve("libnow.so")).bindsNow());
        assertFalse(ElfCheck.inspect(dir.resolve("liblazy.so")).bindsNow());
        assertEquals(null, ElfCheck.inspect(dir.resolve("libnow.so")).problem());
    }

    @Test
    void bothKindsLoadAndCall() throws Throwable {
        for (String name : List.of("libnow.so", "liblazy.so")) {
            NativeLibrary library = NativeLibrary.load(dir.resolve(name));
            MethodHandle twice = library.downcall("twice", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            assertEquals(42, (int) twice.invokeExact(21), name);
            assertTrue(library.lookup("no_such_symbol").isEmpty(), name);
        }
    }

    @Test
    void aBindNowLibraryLoadsWithoutGatunsOwnDlopenHandles() throws Exception {
        String log = childLoad("libnow.so");
        assertTrue(log.contains("loaded " + dir.resolve("libnow.so").toRealPath()), log);
        assertFalse(log.contains("dev.gatun.internal.load.Dlfcn$Handles"), "Dlfcn's handles were made:\n" + log);
        String lazy = childLoad("liblazy.so");
        assertTrue(lazy.contains("dev.gatun.internal.load.Dlfcn$Handles"), "a lazy library goes through Dlfcn:\n" + lazy);
    }

    @Test
    void aRefusedBindNowLibraryReportsTheLoadersOwnMessage() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(NativeLoadException.class,
                () -> NativeLibrary.load(dir.resolve("libneeds.so")));
        assertTrue(e.getMessage().contains("undefined symbol: gatun_defined_nowhere"), e.getMessage());
    }

    /** Loads {@code name} in a child JVM that logs class loading; returns its output. */
    private static String childLoad(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), CorruptLoadProbe.class.getName(), "path",
                dir.resolve(name).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
