// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.bindings.cli.GatunCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.Locale;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;

/**
 * One f2py corpus case built for real with {@code gatun build} (gfortran, shims, javac, jar) from the
 * checked-in sources under {@code src/test/resources/f2py/}, loaded through its own class loader and
 * called by reflection, as f2py's {@code util.F2PyTest} builds {@code self.module}.
 *
 * <p>Usage: {@code var m = F2pyBuild.build(dir, "return_real/foo77.f", "return_real/foo90.f90");
 * m.call("t4", 234f)}; a name {@code "f90_return_real.t4"} calls the procedure of that Fortran
 * module (f2py's {@code self.module.f90_return_real.t4}). Arguments starting with {@code -} are passed
 * to {@code gatun build} as options (e.g. {@code "--f2cmap", F2pyBuild.corpus("f2cmap/.f2py_f2cmap").toString()}).
 * Tests skip when gfortran is missing.
 */
public final class F2pyBuild {

    /** The corpus root, relative to the {@code bindings} module (surefire's working directory). */
    public static final Path ROOT = Path.of("src/test/resources/f2py");

    private static final Object CONSOLE = new Object();

    private final Class<?> type;
    private final String output;

    private F2pyBuild(Class<?> type, String output) {
        this.type = type;
        this.output = output;
    }

    /**
     * Returns a corpus file.
     *
     * @param relative e.g. {@code "return_real/foo77.f"}
     * @return its path
     */
    public static Path corpus(String relative) {
        return ROOT.resolve(relative);
    }

    /**
     * Builds corpus sources (and options) into one jar in {@code dir} and loads its class. The module
     * name is taken from the first source's topic directory ({@code return_real} → class {@code ReturnReal}).
     *
     * @param dir    a scratch directory (a JUnit {@code @TempDir})
     * @param inputs corpus-relative sources, and options starting with {@code -} (an option's value follows it)
     * @return the loaded binding
     * @throws Exception when the build fails (the assertion message carries gatun's output)
     */
    public static F2pyBuild build(Path dir, String... inputs) throws Exception {
        Assumptions.assumeTrue(gfortranPresent(), "gfortran is not installed");
        String module = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].startsWith("-")) {
                rest.add(inputs[i]);
                if (i + 1 < inputs.length && !inputs[i + 1].startsWith("-") && !Files.exists(corpus(inputs[i + 1]))) {
                    rest.add(inputs[++i]);
                }
            } else {
                Path source = corpus(inputs[i]);
                if (!Files.exists(source)) {
                    throw new IllegalArgumentException("no corpus file " + source);
                }
                if (module == null) {
                    module = moduleName(source);
                }
                rest.add(source.toString());
            }
        }
        if (module == null) {
            throw new IllegalArgumentException("no corpus source among " + Arrays.toString(inputs));
        }
        return buildFiles(dir, module, rest.toArray(String[]::new));
    }

    /**
     * Builds any sources (not only the corpus) into one jar in {@code dir} and loads its class: the
     * harness for the frontend's own compile-and-call tests.
     *
     * @param dir    a scratch directory
     * @param module the library name ({@code -m})
     * @param args   the sources and options, as on the {@code gatun build} command line
     * @return the loaded binding
     * @throws Exception when the build fails (the assertion message carries gatun's output)
     */
    public static F2pyBuild buildFiles(Path dir, String module, String... args) throws Exception {
        Assumptions.assumeTrue(gfortranPresent(), "gfortran is not installed");
        Files.createDirectories(dir);
        Path jar = dir.resolve(module + ".jar");
        String pkg = "f2py." + module;
        List<String> command = new ArrayList<>(List.of("build", "-m", module, "--package", pkg, "-o", jar.toString()));
        command.addAll(List.of(args));
        var console = new ByteArrayOutputStream();
        int rc;
        synchronized (CONSOLE) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            var tee = new PrintStream(console, true, StandardCharsets.UTF_8);
            try {
                System.setOut(tee);
                System.setErr(tee);
                rc = GatunCli.run(command.toArray(String[]::new));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
        String output = console.toString(StandardCharsets.UTF_8);
        System.err.print(output);
        assertEquals(0, rc, "gatun " + String.join(" ", command) + "\n" + output);
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, F2pyBuild.class.getClassLoader());
        return new F2pyBuild(Class.forName(topLevelClass(jar, pkg), true, loader), output);
    }

    /** What {@code gatun build} printed (warnings included). @return the text */
    public String output() {
        return output;
    }

    /** The generated binding class. @return the class */
    public Class<?> type() {
        return type;
    }

    /**
     * Calls the public static method {@code name} (or {@code module.name} for a Fortran module's
     * procedure) whose parameters accept {@code args}, rethrowing what it threw. Exact types are
     * preferred; failing that, a single candidate taking primitives gets numbers converted as Python
     * would ({@code t(234)} for a {@code real} argument).
     *
     * @param name the Java method name, optionally qualified by the Fortran module
     * @param args the arguments
     * @return what it returned
     */
    public Object call(String name, Object... args) {
        Class<?> owner = type;
        String method = name;
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            owner = nested(name.substring(0, dot));
            method = name.substring(dot + 1);
        }
        return invokeStatic(owner, method, args);
    }

    /**
     * Returns the nested class generated for a Fortran module (or a named nested type), matched
     * ignoring case and underscores so {@code f90_return_real} finds {@code F90ReturnReal}.
     *
     * @param fortranName the Fortran name
     * @return the class
     */
    public Class<?> nested(String fortranName) {
        String key = squash(fortranName);
        return Arrays.stream(type.getClasses()).filter(c -> squash(c.getSimpleName()).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no nested class for " + fortranName + " in " + type.getName() + ": "
                        + Arrays.stream(type.getClasses()).map(Class::getSimpleName).toList()));
    }

    /**
     * Calls a static method of {@code owner}.
     *
     * @param owner the class
     * @param name  the method
     * @param args  the arguments
     * @return what it returned
     */
    static Object invokeStatic(Class<?> owner, String fortranName, Object... args) {
        // Java names are the Fortran ones in camelCase (foo_sum -> fooSum); exact names are tried first.
        String name = Arrays.stream(owner.getMethods()).anyMatch(m -> m.getName().equals(fortranName)) ? fortranName : camel(fortranName);
        List<Method> named = Arrays.stream(owner.getMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == args.length)
                .toList();
        List<Method> exact = named.stream().filter(m -> accepts(m.getParameterTypes(), args, false)).toList();
        Object[] actual = args;
        Method target;
        if (exact.size() == 1) {
            target = exact.getFirst();
        } else {
            List<Method> loose = named.stream().filter(m -> accepts(m.getParameterTypes(), args, true)).toList();
            if (exact.size() > 1 || loose.size() != 1) {
                throw new AssertionError(owner.getSimpleName() + "." + name + Arrays.toString(args) + ": " + exact.size()
                        + " exact and " + loose.size() + " convertible candidates among "
                        + Arrays.stream(owner.getMethods()).filter(m -> m.getName().equals(name)).map(Method::toString).toList());
            }
            target = loose.getFirst();
            actual = convert(target.getParameterTypes(), args);
        }
        try {
            return target.invoke(null, actual);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Implements a generated callback interface (nested in the binding class or in a module's class) with
     * a Java function, as a Python test passes a lambda.
     *
     * @param simpleName the interface, e.g. {@code TFun}
     * @param body       receives the callback's arguments, returns its result
     * @return an instance of the interface
     */
    public Object callback(String simpleName, java.util.function.Function<Object[], Object> body) {
        Class<?> iface = java.util.stream.Stream.concat(Arrays.stream(type.getClasses()),
                        Arrays.stream(type.getClasses()).flatMap(c -> Arrays.stream(c.getClasses())))
                .filter(c -> c.getSimpleName().equals(simpleName)).findFirst()
                .orElseThrow(() -> new AssertionError("no nested " + simpleName + " in " + type.getName()));
        return java.lang.reflect.Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> simpleName + " proxy";
                };
            }
            return body.apply(args == null ? new Object[0] : args);
        });
    }

    /**
     * Reads a component of a generated result record (f2py's tuple of outputs).
     *
     * @param record    the record
     * @param component its component name
     * @return the value
     */
    public static Object component(Object record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no component " + component + " in " + record, e);
        }
    }

    /**
     * Runs {@code gatun show} on files and returns what it printed on standard output.
     *
     * @param files the sources
     * @return the signatures
     */
    public static String show(Path... files) {
        var console = new ByteArrayOutputStream();
        synchronized (CONSOLE) {
            PrintStream out = System.out;
            try {
                System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
                var args = new ArrayList<String>(List.of("show"));
                Arrays.stream(files).map(Path::toString).forEach(args::add);
                assertEquals(0, GatunCli.run(args.toArray(String[]::new)), "gatun show " + Arrays.toString(files));
            } finally {
                System.setOut(out);
            }
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Whether gfortran runs. @return true when it does */
    public static boolean gfortranPresent() {
        try {
            return new ProcessBuilder("gfortran", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String moduleName(Path source) {
        String topic = source.getParent().getFileName().toString();
        return topic.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The one class of {@code pkg} in the jar that is not nested. */
    private static String topLevelClass(Path jar, String pkg) throws IOException {
        String prefix = pkg.replace('.', '/') + "/";
        try (var file = new JarFile(jar.toFile())) {
            List<String> classes = file.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && !n.contains("$") && n.indexOf('/', prefix.length()) < 0)
                    .toList();
            if (classes.size() != 1) {
                throw new AssertionError("expected one binding class in " + jar + ", found " + classes);
            }
            String entry = classes.getFirst();
            return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        }
    }

    private static String camel(String name) {
        var sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static String squash(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static boolean accepts(Class<?>[] types, Object[] args, boolean convertNumbers) {
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            Object a = args[i];
            if (a == null) {
                if (t.isPrimitive()) {
                    return false;
                }
            } else if (!box(t).isInstance(a) && !(convertNumbers && t.isPrimitive() && numeric(t) && a instanceof Number)) {
                return false;
            }
        }
        return true;
    }

    private static boolean numeric(Class<?> t) {
        return t != boolean.class && t != char.class;
    }

    private static Object[] convert(Class<?>[] types, Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < types.length; i++) {
            if (types[i].isPrimitive() && args[i] instanceof Number n && !box(types[i]).isInstance(n)) {
                out[i] = switch (types[i].getName()) {
                    case "int" -> n.intValue();
                    case "long" -> n.longValue();
                    case "double" -> n.doubleValue();
                    case "float" -> n.floatValue();
                    case "byte" -> n.byteValue();
                    default -> n.shortValue();
                };
            }
        }
        return out;
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return switch (t.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            default -> Character.class;
        };
    }
}
