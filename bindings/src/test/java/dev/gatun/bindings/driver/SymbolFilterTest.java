// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Include/exclude globs, and the sonames {@code --link-system} resolves from real libraries. */
class SymbolFilterTest {

    @Test
    void globsMatchWholeNames() {
        var f = new SymbolFilter(List.of("cblas_d*", "fftw_execute"), List.of("cblas_dz*"));
        assertTrue(f.test("cblas_ddot"));
        assertTrue(f.test("fftw_execute"));
        assertFalse(f.test("fftw_execute_dft"), "a glob matches the whole name");
        assertFalse(f.test("cblas_dznrm2"), "exclude wins");
        assertFalse(f.test("cblas_sdot"));
        assertTrue(SymbolFilter.ALL.test("anything"));
        assertTrue(new SymbolFilter(List.of("cu?nit"), List.of()).test("cuInit"));
        var bad = assertThrows(IllegalArgumentException.class, () -> new SymbolFilter(List.of("cblas.*"), List.of()));
        assertEquals("include glob 'cblas.*': expected letters, digits, '_', '*' and '?', e.g. 'cblas_d*'", bad.getMessage());
    }

    @Test
    void sonamesComeFromTheElfDynamicSection() {
        Path dev = Path.of("/usr/lib/x86_64-linux-gnu/libfftw3.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(dev), "no libfftw3-dev");
        assertEquals("libfftw3.so.3", SystemLibrary.soname("fftw3", List.of(), "cc"));
        assertEquals("libfftw3.so.3", SystemLibrary.soname("fftw3", List.of(dev.getParent()), "cc"), "found through -L");
        assertEquals("libcuda.so.1", SystemLibrary.soname("libcuda.so.1", List.of(), "cc"), "a soname is taken as it is");
        var missing = assertThrows(IllegalArgumentException.class, () -> SystemLibrary.soname("nosuchlibrary", List.of(), "cc"));
        assertTrue(missing.getMessage().startsWith("--link-system nosuchlibrary: no libnosuchlibrary.so in [] or the search path of cc"),
                missing.getMessage());
        Path libc = Path.of("/usr/lib/x86_64-linux-gnu/libc.so");
        if (Files.exists(libc)) {
            var script = assertThrows(IllegalArgumentException.class, () -> SystemLibrary.soname("c", List.of(libc.getParent()), "cc"));
            assertTrue(script.getMessage().contains("a linker script?"), script.getMessage());
        }
    }
}
