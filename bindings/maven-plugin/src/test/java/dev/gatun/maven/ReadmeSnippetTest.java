// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's Maven snippet is the integration test {@code src/it/readme-snippet}, verbatim: what a
 * new user copies is what the build proves (the invoker builds that project and runs its kernels).
 */
class ReadmeSnippetTest {
    private static final String MARKER = "<!-- readme-snippet:";

    @Test
    void theReadmeSnippetIsTheIntegrationTestsPomVerbatim() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README.md has no '" + MARKER + "' line before its Maven snippet");
        int open = readme.indexOf("```xml\n", marker) + "```xml\n".length();
        String snippet = readme.substring(open, readme.indexOf("```", open));
        String pom = Files.readString(Path.of("src/it/readme-snippet/pom.xml"));
        // The pom indents the snippet by two spaces inside <project>; nothing else may differ.
        String indented = snippet.lines().map(l -> l.isEmpty() ? l : "  " + l).collect(Collectors.joining("\n", "", "\n"));
        assertTrue(pom.contains(indented), "src/it/readme-snippet/pom.xml must contain README.md's snippet verbatim"
                + " (indented by two spaces):\n" + indented);
    }
}
