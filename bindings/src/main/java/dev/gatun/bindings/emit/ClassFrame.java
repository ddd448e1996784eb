// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

/**
 * The frame of a binding class file: its imports, the helpers every binding class declares, and the layout of a
 * binding held in one class (fields, friendly methods, nested types, the raw layer, holders, helpers).
 */
final class ClassFrame {

    private ClassFrame() {
    }

    /**
     * The binding class of a library that fits one class file.
     *
     * @param preamble    header comment, package and imports
     * @param description the first sentence of the class's Javadoc
     * @param cls         the class name
     * @param loaded      the expression loading the native library
     * @param sections    fields, friendly methods, nested types, raw methods and holders
     * @param helpers     the helpers the members use
     * @return the source
     */
    static String single(String preamble, String description, String cls, String loaded, String[] sections, String helpers) {
        return """
                %s
                /**
                 * %s
                 *
                 * <p>The static methods of this class take Gatun arrays and Java values, infer extents from
                 * array shapes and check every argument before the native call. {@link Raw} holds the
                 * downcall handles and methods that take the native arguments as they are.
                 */
                @SuppressWarnings("restricted") // upcall stubs for callbacks; native access is the point of this class
                public final class %s {

                    private static final NativeLibrary LIBRARY = %s;
                %s
                    private %s() {
                    }
                %s%s
                    /** The raw layer: one downcall handle per native symbol, arguments as the C ABI sees them. */
                    public static final class Raw {

                        private Raw() {
                        }
                %s    }
                %s%s%s}
                """.formatted(preamble, description, cls, loaded, sections[0], cls, sections[1], sections[2], sections[3], sections[4],
                INFRASTRUCTURE.formatted(cls), helpers);
    }

    /** The imports of every generated class file. */
    static final String IMPORTS = """
                import static java.lang.foreign.ValueLayout.*;

                import dev.gatun.array.*;
                import dev.gatun.load.CallbackGuard;
                import dev.gatun.load.NativeLibrary;
                import java.lang.foreign.*;
                import java.lang.invoke.MethodHandle;
                import java.lang.invoke.MethodHandles;
                import java.lang.invoke.MethodType;
                import java.nio.charset.StandardCharsets;
                import java.util.Objects;
                """;

    /**
     * The helpers every binding class declares after its holders: extent checks, the downcall factory that tolerates
     * a missing symbol, the JFR switch and the unwrapping of what a handle threw; {@code %s} is the class declaring them.
     */
    static final String INFRASTRUCTURE = """

                    private static void requireExtent(String parameter, long actual, int dimension, long expected, String declared) {
                        if (actual < expected) {
                            throw new IllegalArgumentException("parameter '" + parameter + "': expected extent >= " + expected
                                    + " (" + declared + ") in dimension " + dimension + ", got " + actual);
                        }
                    }

                    private static void requireExactExtent(String parameter, long actual, int dimension, long expected, String declared) {
                        if (actual != expected) {
                            throw new IllegalArgumentException("parameter '" + parameter + "': expected extent " + expected
                                    + " (" + declared + ") in dimension " + dimension + ", got " + actual
                                    + "; only the slowest-varying dimension may be longer: the routine would see the elements shifted");
                        }
                    }

                    /**
                     * A downcall handle for {@code symbol}; where the library does not define it, a handle that throws
                     * {@code NativeSymbolNotFoundException} naming it, so one missing function fails only its own calls.
                     */
                    private static MethodHandle downcall$(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
                        // No lambdas here: each would spin a class at the first call of the binding.
                        java.util.Optional<MemorySegment> address = LIBRARY.lookup(symbol);
                        if (address.isPresent()) {
                            return Linker.nativeLinker().downcallHandle(address.get(), descriptor, options);
                        }
                        MethodHandle missing;
                        try {
                            missing = MethodHandles.lookup().findStatic(%s.class, "missing$", MethodType.methodType(Object.class, String.class));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                        MethodType type = descriptor.toMethodType();
                        MethodHandle thrower = MethodHandles.insertArguments(missing, 0, symbol)
                                .asType(MethodType.methodType(type.returnType()));
                        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
                    }

                    private static Object missing$(String symbol) {
                        throw new dev.gatun.load.NativeSymbolNotFoundException(LIBRARY, symbol);
                    }

                    /** Whether JFR runs: only then does a raw method create its event (a name no parameter can shadow). */
                    private static boolean profiling$() {
                        return dev.gatun.profile.Profiling.active();
                    }

                    private static RuntimeException unexpected(Throwable t) {
                        if (t instanceof RuntimeException r) {
                            return r;
                        }
                        if (t instanceof Error e) {
                            throw e;
                        }
                        return new IllegalStateException("native call failed", t);
                    }
                """;
}
