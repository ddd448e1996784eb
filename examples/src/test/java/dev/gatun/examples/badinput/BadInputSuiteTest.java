// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite: each area's cases run in a JVM of their own, so a crash cannot take the test run
 * with it. An area fails on a JVM crash (an {@code hs_err} file), an exit other than the cases' own
 * verdict, a hang (past its time limit), a failed case, or a native write into the canary guards
 * around its arrays ({@link Guarded}). Run one area by hand with
 * {@code java -cp <test class path> dev.gatun.examples.badinput.KernelContractCases}.
 */
class BadInputSuiteTest {

    private static final Pattern VERDICT = Pattern.compile("badinput (\\S+): (\\d+) cases, (\\d+) failed");
    private static final long TIME_LIMIT_SECONDS = 120;

    @TempDir
    Path dir;

    static Stream<Class<?>> areas() {
        return Stream.of(KernelContractCases.class, RuntimeLimitCases.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("areas")
    void areaSurvivesEveryBadInput(Class<?> area) throws Exception {
        Path log = dir.resolve(area.getSimpleName() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), area.getName()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> crashes = files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
            if (!crashes.isEmpty()) {
                fail(area.getSimpleName() + " crashed the JVM: " + crashes.getFirst() + "\n"
                        + Files.readString(crashes.getFirst()).lines().limit(20).reduce("", (a, b) -> a + b + "\n") + output);
            }
        }
        assertTrue(finished, () -> area.getSimpleName() + " hung: no verdict within " + TIME_LIMIT_SECONDS + " s\n" + output);
        Matcher verdict = VERDICT.matcher(output);
        assertTrue(verdict.find(), () -> area.getSimpleName() + " exited with " + process.exitValue()
                + " before its verdict (a native abort or exit?)\n" + output);
        assertEquals("0", verdict.group(3), () -> output);
        assertEquals(0, process.exitValue(), () -> output);
        System.out.println(verdict.group());
    }
}
