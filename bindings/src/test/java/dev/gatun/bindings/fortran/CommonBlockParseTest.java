// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.CommonBlock;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Type;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COMMON statements are recorded in the model (block, members in storage order, their types and shapes). */
class CommonBlockParseTest {

    private static List<CommonBlock> commons(Diagnostics d, String name, String source) {
        return new FortranFrontend(d).parse(Path.of(name), source.lines().toList()).unit().commons();
    }

    @Test
    void f2pysBlockGetsTheTypesDeclaredBeforeIt() {
        var d = new Diagnostics();
        List<CommonBlock> blocks = commons(d, "block.f", """
                      SUBROUTINE INITCB
                      DOUBLE PRECISION LONG
                      CHARACTER        STRING
                      INTEGER          OK
                      COMMON  /BLOCK/ LONG, STRING, OK
                      LONG = 1.0
                      END
                """);
        assertEquals(List.of(), d.all());
        assertEquals(1, blocks.size());
        CommonBlock b = blocks.getFirst();
        assertEquals("block", b.name());
        assertEquals("initcb", b.scope());
        assertEquals(List.of("long", "string", "ok"), b.members().stream().map(CommonBlock.Member::name).toList());
        assertEquals("double", b.members().get(0).type().describe());
        assertTrue(b.members().get(1).type() instanceof Type.Character, b.members().get(1).type().describe());
        assertEquals("block.f:5:15", b.position().toString());
    }

    @Test
    void severalBlocksBlankCommonShapesFromDimensionAndTheStatementItself() {
        var d = new Diagnostics();
        List<CommonBlock> blocks = commons(d, "many.f90", """
                subroutine s()
                  real(8) :: x, y
                  integer, parameter :: n = 3
                  dimension y(0:n)
                  common /a/ x, y /b/ k(2, n), z
                  common // w
                  common /a/ v
                end subroutine s
                """);
        assertEquals(List.of(), d.all());
        assertEquals(List.of("a", "b", ""), blocks.stream().map(CommonBlock::name).toList());
        assertEquals(List.of("x", "y", "v"), blocks.get(0).members().stream().map(CommonBlock.Member::name).toList());
        assertEquals("0:3", blocks.get(0).members().get(1).dimensions().stream().map(Dimension::render).findFirst().orElseThrow());
        CommonBlock.Member k = blocks.get(1).members().getFirst();
        assertEquals("int32", k.type().describe(), "implicit typing: k is an integer");
        assertEquals(List.of("2", "3"), k.dimensions().stream().map(Dimension::render).toList());
        assertEquals("float", blocks.get(1).members().get(1).type().describe(), "implicit typing: z is real");
        assertTrue(blocks.get(2).blank());
    }

    @Test
    void aBlockWithAMemberOfUnknownLayoutIsSkippedWithAWarning() {
        var d = new Diagnostics();
        List<CommonBlock> blocks = commons(d, "bad.f90", """
                subroutine s(n)
                  integer n
                  real(16) q
                  real r(n)
                  common /quad/ q
                  common /good/ n2
                end subroutine s
                """);
        assertEquals(List.of("good"), blocks.stream().map(CommonBlock::name).toList());
        assertEquals(List.of("bad.f90:5:10: warning: skipped COMMON block /quad/ in subroutine 's': member 'q': real(16) has no Java counterpart"),
                d.all().stream().map(Diagnostic::toString).toList());
    }
}
