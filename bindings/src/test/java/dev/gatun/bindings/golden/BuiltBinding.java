// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.bindings.cli.GatunCli;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * A golden case's kernel built for real by {@code gatun build} (gfortran, shims, javac, jar) and
 * loaded through its own class loader, so {@code NativeLibrary} extracts the library from the jar
 * as it would for a user. Calls go through reflection because the class exists only at run time.
 */
final class BuiltBinding {

    private final Class<?> type;

    private BuiltBinding(Class<?> type) {
        this.type = type;
    }

    /**
     * Builds the kernel of {@code golden/<name>/} with its own options into {@code dir}.
     *
     * @param name the golden case
     * @param dir  a scratch directory
     * @return the loaded binding
     * @throws Exception when the build fails
     */
    static BuiltBinding build(String name, Path dir) throws Exception {
        Assumptions.assumeTrue(GoldenTest.gfortranPresent(), "gfortran is not installed");
        GoldenTest.GoldenCase c = GoldenTest.load(GoldenTest.ROOT.resolve(name));
        Path jar = dir.resolve(c.module() + ".jar");
        assertEquals(0, GatunCli.run("build", "-m", c.module(), "--package", c.pkg(), "-o", jar.toString(), c.input().toString()),
                "gatun build of golden/" + name);
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, BuiltBinding.class.getClassLoader());
        String simple = GoldenTest.generate(c).className();
        return new BuiltBinding(Class.forName(c.pkg() + "." + simple, true, loader));
    }

    /**
     * Loads and initialises a binding class from a jar that {@code gatun build} wrote.
     *
     * @param jar       the jar
     * @param className the binding's fully qualified class name
     * @return the loaded binding
     * @throws Exception when the class cannot be loaded or initialised
     */
    static BuiltBinding load(Path jar, String className) throws Exception {
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, BuiltBinding.class.getClassLoader());
        return new BuiltBinding(Class.forName(className, true, loader));
    }

    /**
     * Calls the public static method {@code name} whose parameters accept {@code args} (null fits
     * any reference type), rethrowing what the method threw.
     *
     * @param name the Java method name
     * @param args the arguments
     * @return what it returned
     */
    Object call(String name, Object... args) {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && accepts(m.getParameterTypes(), args))
                .toList();
        if (candidates.size() != 1) {
            throw new AssertionError(type.getSimpleName() + "." + name + Arrays.toString(args) + ": " + candidates.size() + " candidates");
        }
        try {
            return candidates.getFirst().invoke(null, args);
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
     * Implements the generated callback interface {@code simpleName} with a Java function.
     *
     * @param simpleName the nested interface, e.g. {@code MidpointF}
     * @param body       receives the callback's arguments, returns its result
     * @return an instance of the interface
     */
    Object callback(String simpleName, Function<Object[], Object> body) {
        Class<?> iface = Arrays.stream(type.getClasses()).filter(c -> c.getSimpleName().equals(simpleName)).findFirst()
                .orElseThrow(() -> new AssertionError("no nested " + simpleName + " in " + type.getName()));
        return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> simpleName + " proxy";
                };
            }
            return body.apply(args);
        });
    }

    /** Returns the binding class. @return the class */
    Class<?> type() {
        return type;
    }

    /** Whether a program is on {@code PATH}. @param program the name @return true when found */
    static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> java.nio.file.Files.isExecutable(Path.of(d, program)));
    }

    /**
     * Returns a nested class of the binding, such as a struct wrapper.
     *
     * @param simpleName the nested class, e.g. {@code Vec3}
     * @return the class
     */
    Class<?> nested(String simpleName) {
        return Arrays.stream(type.getClasses()).filter(c -> c.getSimpleName().equals(simpleName)).findFirst()
                .orElseThrow(() -> new AssertionError("no nested " + simpleName + " in " + type.getName()));
    }

    /**
     * Calls a public method of a generated object (a struct wrapper's accessor) or, with a {@code Class}
     * target, a static one, rethrowing what it threw.
     *
     * @param target the object, or the class for a static method
     * @param name   the method name
     * @param args   the arguments
     * @return what it returned
     */
    static Object invoke(Object target, String name, Object... args) {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && accepts(m.getParameterTypes(), args)).toList();
        if (candidates.size() > 1) {
            // A handle class of a type extension hides its parent's static allocate/borrow: the most specific one is meant.
            var own = candidates.stream().filter(m -> m.getDeclaringClass() == type).toList();
            candidates = own.size() == 1 ? own : candidates;
        }
        if (candidates.size() != 1) {
            throw new AssertionError(type.getSimpleName() + "." + name + Arrays.toString(args) + ": " + candidates.size() + " candidates");
        }
        try {
            return candidates.getFirst().invoke(target instanceof Class<?> ? null : target, args);
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
     * Reads a record component of a generated result record.
     *
     * @param record    the record
     * @param component its component name
     * @return the value
     */
    static Object component(Object record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        if (types.length != args.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (args[i] == null ? t.isPrimitive() : !box(t).isInstance(args[i])) {
                return false;
            }
        }
        return true;
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
