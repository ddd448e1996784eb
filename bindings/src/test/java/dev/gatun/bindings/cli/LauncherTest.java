// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/gatun} launcher as a user runs it. {@code GATUN_CLASSPATH} points it at this test
 * run's class path, so it does not rebuild the module that is being tested.
 */
class LauncherTest {

    static final Path LAUNCHER = Path.of("..", "bin", "gatun").toAbsolutePath().normalize();

    private record Run(int status, String out) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GATUN_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().remove("JAVA_HOME"); // the launcher must find JDK 25 by itself
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/gatun finished");
        return new Run(p.exitValue(), out);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = run("--help");
        assertEquals(0, r.status(), r.out());
        for (String command : List.of("build", "wrap", "show", "info")) {
            assertTrue(r.out().contains("  " + command + " "), command + " in:\n" + r.out());
        }
        Run build = run("build", "--help");
        assertTrue(build.out().contains("--march=TARGET"), build.out());
        assertTrue(build.out().contains("--keep-work"), build.out());
    }

    @Test
    void showPrintsTheParsedSignature(@TempDir Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("fib.f"), """
                      SUBROUTINE FIB(A,N)
                      INTEGER N
                      REAL*8 A(N)
                      END
                """);
        Run r = run("show", src.toString());
        assertEquals(0, r.status(), r.out());
        assertEquals("""
                subroutine fib(a, n)
                    double, intent(inout) :: a(n)
                    int32, intent(in) :: n
                end subroutine fib
                """, r.out().replaceAll("(?m)^WARNING:.*\\n", ""));
    }
}
