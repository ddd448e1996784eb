// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import dev.gatun.bindings.driver.CompilerDriver;
import dev.gatun.bindings.driver.JarWriter;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.pass.Passes;
import dev.gatun.load.NativeStatusException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SequencedMap;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every golden library split as far as it goes (a budget of one constant-pool entry: every function, constant,
 * function-pointer type and group of structs in a part of its own): the chain of parts, the same files on every run,
 * javac with {@code -Xlint:all} on C and Fortran bindings alike, and golden/cdecls, golden/status (gcc) and
 * golden/shapes (gfortran, type-bound procedures) built and called through the public class.
 */
class PartClassesTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path dir;

    private record Generated(Library library, SequencedMap<String, String> sources, List<CompilerDriver.Source> natives,
                             java.util.Optional<String> shim) {
    }

    private static Generated split(String golden, String file, String module, String pkg) {
        return split(GOLDEN.resolve(golden).resolve(file), module, pkg);
    }

    private static Generated split(Path file, String module, String pkg) {
        var d = new Diagnostics();
        var natives = new ArrayList<CompilerDriver.Source>();
        Library library = BindingGenerator.parse(module, List.of(file), d, natives);
        Annotations notes = Passes.run(library, d);
        assertTrue(d.errors().isEmpty(), () -> file + ": " + d.all());
        return new Generated(library, new JavaEmitter(notes, 1).emitClasses(library, pkg, List.of()), natives,
                new FortranShimEmitter(notes).emit(library));
    }

    @Test
    void cdeclsBecomesAChainOfPartsUnderThePublicClass() {
        Generated g = split("cdecls", "cdecls.c", "cdecls", "split.cdecls");
        var names = List.copyOf(g.sources().keySet());
        int n = names.size() - 1;
        assertTrue(n > 10, "one part per function, constant, callback type and struct group: " + names);
        assertEquals("Cdecls", names.getFirst());
        for (int i = 1; i <= n; i++) {
            assertEquals("Cdecls_" + i, names.get(i));
        }
        String pub = g.sources().get("Cdecls");
        assertTrue(pub.contains("public final class Cdecls extends Cdecls_1 {"), pub);
        assertTrue(pub.contains("public static final class Raw extends Cdecls_"), pub);
        assertTrue(pub.contains("Java bindings for the native library {@code cdecls}, generated from cdecls.c."), "the library's Javadoc");
        for (int i = 1; i < n; i++) {
            assertTrue(g.sources().get("Cdecls_" + i).contains("\nclass Cdecls_" + i + " extends Cdecls_" + (i + 1) + " {\n"), "part " + i);
            assertTrue(g.sources().get("Cdecls_" + i).contains("/** Part " + i + " of " + n + " of {@link Cdecls}"), "part Javadoc");
        }
        String last = g.sources().get("Cdecls_" + n);
        assertTrue(last.contains("\nclass Cdecls_" + n + " {\n") && last.contains("static final NativeLibrary LIBRARY = "), last);
        assertTrue(last.contains("findStatic(Cdecls_" + n + ".class, \"missing$\""), "the lookup names the class declaring missing$");
        // Structs held by value (polygon holds points) call each other's private constructors: one part.
        String points = g.sources().entrySet().stream().filter(e -> e.getValue().contains("public static final class Point {"))
                .findFirst().orElseThrow().getKey();
        assertTrue(g.sources().get(points).contains("public static final class Polygon {"), "Point and Polygon share " + points);
        // Each raw layer extends the next part's that has one.
        var rawSupers = Pattern.compile("static class Raw extends (Cdecls_\\d+)\\.Raw").matcher(String.join("", g.sources().values()))
                .results().map(m -> m.group(1)).toList();
        assertTrue(rawSupers.size() >= 3 && rawSupers.equals(rawSupers.stream().sorted(java.util.Comparator.comparingInt(
                (String p) -> Integer.parseInt(p.substring(7)))).distinct().toList()), "the raw layers form a chain upwards: " + rawSupers);
        assertEquals(g.sources(), split("cdecls", "cdecls.c", "cdecls", "split.cdecls").sources(), "the same input gives the same files");
    }

    /**
     * Two callback parameters {@code _1} and {@code __1} keep their exact names (their camelCase forms collide), so
     * {@code cb}'s callback interfaces are {@code Cb_1} and {@code Cb__1}: the parts must take names no type has.
     */
    @Test
    void partNamesAvoidTheNestedTypesOfTheBindings() throws Exception {
        Path c = Files.writeString(dir.resolve("cb.c"), """
                int cb(int (*_1)(int), int (*__1)(int)) { return _1(1) + __1(2); }
                int other(int x) { return x; }
                """);
        Generated g = split(c, "cb", "split.cb");
        String all = String.join("", g.sources().values());
        assertTrue(all.contains("public interface Cb_1 {") && all.contains("public interface Cb__1 {"), all);
        var names = List.copyOf(g.sources().keySet());
        assertEquals("Cb", names.getFirst());
        assertTrue(names.stream().skip(1).allMatch(n -> n.matches("Cb___\\d+")), "parts named Cb___<n>: " + names);
        Path pkg = Files.createDirectories(dir.resolve("src/split/cb"));
        var files = new ArrayList<String>();
        for (var source : g.sources().entrySet()) {
            files.add(Files.writeString(pkg.resolve(source.getKey() + ".java"), source.getValue()).toString());
        }
        compile(files);
    }

    private void compile(List<String> files) throws Exception {
        var log = new ByteArrayOutputStream();
        var args = new ArrayList<>(List.of("--release", "25", "-Xlint:all", "-Werror", "-proc:none", "-cp", System.getProperty("java.class.path"),
                "-d", Files.createDirectories(dir.resolve("classes")).toString()));
        args.addAll(files);
        int status = ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new));
        assertEquals(0, status, () -> log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void splitGoldenBindingsCompile() throws Exception {
        String[][] goldens = {{"cdecls", "cdecls.c", "cdecls"}, {"ccallbacks", "callbacks.c", "callbacks"}, {"cstructs", "shapes.c", "shapes"},
                {"cnames", "cnames.c", "cnames"}, {"status", "status.c", "status"}, {"retain", "retain.c", "retain"},
                {"handles", "particles.f90", "particles"}, {"namespaces", "spaces.f90", "spaces"}, {"globals", "globals.f90", "globals"},
                {"callback", "quad.f90", "quad"}, {"bindctypes", "geometry.f90", "geometry"}, {"modulekinds", "stats.f90", "stats"},
                {"complex", "cplx.f90", "cplx"}, {"directives", "dirs.f", "dirs"}, {"fib", "fib.f", "fib"}, {"logical", "flags.f90", "flags"},
                {"elementtypes", "kinds.f90", "kinds"}, {"assumedshape", "grid.f90", "grid"}, {"character", "text.f90", "text"},
                {"integration2d", "integration2d.f90", "integration2d"}, {"optional", "opt.f90", "opt"}, {"shapes", "shapes.f90", "shapes"},
                {"strings", "strings.f90", "strings"}};
        var files = new ArrayList<String>();
        for (String[] golden : goldens) {
            Generated g = split(golden[0], golden[1], golden[2], "split." + golden[0]);
            // Fortran module procedures stay in the last part, with the module classes that call them.
            assertTrue(g.sources().size() >= 2, golden[0] + " splits: " + g.sources().keySet());
            Path pkg = Files.createDirectories(dir.resolve("src/split").resolve(golden[0]));
            for (var source : g.sources().entrySet()) {
                files.add(Files.writeString(pkg.resolve(source.getKey() + ".java"), source.getValue()).toString());
            }
        }
        compile(files);
    }

    @Test
    void splitBindingsCallThroughThePublicClass() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")) || Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler");
        Class<?> cdecls = build(split("cdecls", "cdecls.c", "cdecls", "split.cdecls"), "cdecls");
        assertEquals(6.0, (double) call(cdecls, "vec3Sum", (Object) new double[] {1, 2, 3}));
        assertEquals(101, constant(cdecls, "ROW_MAJOR"));
        assertEquals("cdecls\t1.0", constant(cdecls, "CDECLS_NAME"));
        Class<?> raw = Arrays.stream(cdecls.getClasses()).filter(c -> c.getSimpleName().equals("Raw")).findFirst().orElseThrow();
        assertEquals(call(cdecls, "counterValue"), call(raw, "counterValue"), "the raw layer through Cdecls.Raw");
        Class<?> point = Arrays.stream(cdecls.getClasses()).filter(c -> c.getSimpleName().equals("Point")).findFirst().orElseThrow();
        assertTrue(point.getDeclaringClass().getSimpleName().startsWith("Cdecls_"), "Point lives in a part: " + point);

        // The status helper sits in the last part and reaches the message function through Status.Raw.
        Class<?> status = build(split("status", "status.c", "status", "split.status"), "status");
        assertEquals(1, call(status, "stFind", "beta"));
        var missing = assertThrows(NativeStatusException.class, () -> call(status, "stFind", "delta"));
        assertEquals("st_find: ST_ENOTFOUND (-3): no such key", missing.getMessage());
    }

    /** Fortran type-bound procedures: the handle classes in the last part call their dispatchers through Shapes. */
    @Test
    void splitFortranHandlesDispatch() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gfortran")), "gfortran is not installed");
        Class<?> shapes = build(split("shapes", "shapes.f90", "shapes", "split.shapes"), "shapes");
        Class<?> circle = Arrays.stream(shapes.getClasses()).filter(c -> c.getSimpleName().equals("Circle")).findFirst().orElseThrow();
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            Object c = invoke(circle, "allocate", arena);
            invoke(c, "setR", 2.0);
            assertEquals(12.0, invoke(c, "area"), "dispatched by Fortran to circle's override");
            invoke(c, "move", 1.0, 2.0);
            assertEquals(1.0, invoke(c, "getX"));
        }
    }

    private static Object invoke(Object target, String name, Object... args) throws ReflectiveOperationException {
        Class<?> type = target instanceof Class<?> k ? k : target.getClass();
        Method m = Arrays.stream(type.getMethods()).filter(x -> x.getName().equals(name) && x.getParameterCount() == args.length)
                .findFirst().orElseThrow();
        try {
            return m.invoke(target instanceof Class<?> ? null : target, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private Class<?> build(Generated g, String module) throws Exception {
        Path work = Files.createDirectories(dir.resolve(module));
        Path lib = work.resolve("lib" + module + ".so");
        var natives = new ArrayList<>(g.natives());
        if (g.shim().isPresent()) {
            natives.add(new CompilerDriver.Source(Files.writeString(work.resolve("gatun_" + module + "_shims.f90"), g.shim().get()), true));
        }
        var quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        new CompilerDriver(quiet, System.getenv()).build(new CompilerDriver.Request(natives, lib, List.of(), List.of(), List.of(),
                false, false), work.resolve("obj"));
        Path jar = work.resolve(module + ".jar");
        JarWriter.write(jar, "split." + module, g.sources(), lib, work.resolve("classes"), System.err);
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        return Class.forName("split." + module + "." + g.sources().firstEntry().getKey(), true, loader);
    }

    private static Object constant(Class<?> type, String name) throws ReflectiveOperationException {
        var field = type.getField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    /**
     * Calls the one public static method of that name and arity. Reflection checks the declaring class, here a
     * package-private part, so unlike a compiled call it needs {@code setAccessible}.
     */
    private static Object call(Class<?> type, String name, Object... args) {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == args.length
                        && (args.length == 0 || args[0] == null || !m.getParameterTypes()[0].isPrimitive() || args[0] instanceof Number)
                        && (args.length == 0 || args[0] == null || m.getParameterTypes()[0].isPrimitive() || m.getParameterTypes()[0].isInstance(args[0])))
                .toList();
        assertEquals(1, candidates.size(), () -> name + ": " + candidates);
        Method m = candidates.getFirst();
        m.setAccessible(true);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
