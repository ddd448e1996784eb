// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatun.array.FloatArray;
import dev.gatun.array.IntArray;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestModuleDocString} ({@code numpy/f2py/tests/test_module_doc.py}, source
 * {@code module_data/module_data_docstring.f90}): f2py asserts the docstring of module {@code mod},
 * <pre>
 * i : 'i'-scalar
 * x : 'i'-array(4)
 * a : 'f'-array(2,3)
 * b : 'f'-array(-1,-1), not allocated
 * foo()
 * </pre>
 * Java has no runtime docstring; what stands for each line is the nested class {@code Mod} as built:
 * {@code getI()} returns {@code int}; {@code getX()} an {@code IntArray} of shape (4); {@code getA()} a
 * {@code FloatArray} of shape (2, 3); {@code getB()} a {@code FloatArray} that is {@code null} while
 * {@code b} is not allocated, with {@code allocateB(long, long)} for its two extents; and {@code foo()}.
 * Calling {@code foo} (which does {@code a(1,2) = a(1,2) + 3}) shows the view is the module's memory.
 */
class ModuleDocStringTest {

    @TempDir
    Path dir;

    @Test
    void moduleDocstring() throws Exception {
        var m = F2pyBuild.build(dir, "module_data/module_data_docstring.f90");
        Class<?> mod = m.nested("mod");
        assertEquals(int.class, mod.getMethod("getI").getReturnType(), "i : 'i'-scalar");
        assertEquals(IntArray.class, mod.getMethod("getX").getReturnType(), "x : 'i'-array");
        assertArrayEquals(new long[] {4}, ((IntArray) F2pyBuild.invokeStatic(mod, "getX")).shape(), "x : 'i'-array(4)");
        assertEquals(FloatArray.class, mod.getMethod("getA").getReturnType(), "a : 'f'-array");
        FloatArray a = (FloatArray) F2pyBuild.invokeStatic(mod, "getA");
        assertArrayEquals(new long[] {2, 3}, a.shape(), "a : 'f'-array(2,3)");
        assertEquals(FloatArray.class, mod.getMethod("getB").getReturnType(), "b : 'f'-array");
        assertNull(F2pyBuild.invokeStatic(mod, "getB"), "b : not allocated");
        mod.getMethod("allocateB", long.class, long.class);
        assertEquals(0, mod.getMethod("foo").getParameterCount(), "foo()");

        a.set(0, 1, 1.5f);
        F2pyBuild.invokeStatic(mod, "foo");
        assertEquals(4.5f, a.get(0, 1), "foo adds 3 to a(1,2) in the module's memory");
    }
}
