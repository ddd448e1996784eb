package dev.gatun.bindings.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler driver's flags: portable by default, a CPU target only when asked. */
class CompilerDriverTest {

    @TempDir
    Path dir;

    private String compileCommand(String march, boolean fastMath) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("cc", "--version").start().waitFor() == 0, "no C compiler (cc)");
        Path c = Files.writeString(dir.resolve("twice.c"), "double twice(double x) { return 2 * x; }\n");
        var log = new ByteArrayOutputStream();
        var request = march == null
                ? new CompilerDriver.Request(List.of(new CompilerDriver.Source(c, false)), dir.resolve("libtwice.so"), List.of(), List.of(),
                        List.of(), false, fastMath)
                : new CompilerDriver.Request(List.of(new CompilerDriver.Source(c, false)), dir.resolve("libtwice.so"), List.of(), List.of(),
                        List.of(), false, fastMath, march);
        new CompilerDriver(new PrintStream(log, true, StandardCharsets.UTF_8), Map.of()).build(request, dir.resolve("obj"));
        assertTrue(Files.size(dir.resolve("libtwice.so")) > 0);
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" -c ")).findFirst().orElseThrow();
    }

    @Test
    void portableBaselineByDefaultWithoutFmaContraction() throws Exception {
        String cmd = compileCommand(null, false);
        assertFalse(cmd.contains("-march"), cmd);
        assertTrue(cmd.contains("-ffp-contract=off"), cmd);
        assertFalse(cmd.contains("-ffast-math"), cmd);
    }

    @Test
    void nativeTargetAndFastMathWhenAsked() throws Exception {
        String cmd = compileCommand("native", true);
        assertTrue(cmd.contains(" -march=native "), cmd);
        assertTrue(cmd.contains("-ffast-math"), cmd);
        assertFalse(cmd.contains("-ffp-contract=off"), cmd);
    }

    @Test
    void aTargetThatIsNoTargetNameIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CompilerDriver.Request(List.of(), dir.resolve("x.so"), List.of(),
                List.of(), List.of(), false, false, "native; rm -rf"));
        assertEquals("march 'native; rm -rf': expected a target such as native or x86-64-v3", e.getMessage());
    }
}
