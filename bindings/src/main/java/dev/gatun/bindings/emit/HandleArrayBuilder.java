// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.GlobalVariableFilter;
import dev.gatun.bindings.pass.NameMangler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the nested {@code Array} class of a handle type: one Fortran array of objects of any rank, in Fortran
 * (column-major) order, either allocated by Fortran for an arena ({@code allocate(a(n, m))}) or a view of an array that
 * is a component of another object. Its elements are borrowed handles; the flat element index is Fortran's array
 * element order, so one {@code _at} shim serves every rank. Also builds the accessors of array components of derived type
 * inside a handle: a view of the elements (handles or bind(C) structs) borrowed from the object.
 */
final class HandleArrayBuilder {

    private HandleArrayBuilder() {
    }

    /**
     * The {@code Array} class nested in the handle class {@code cls} of {@code type}.
     *
     * @param cls    the handle class name
     * @param type   the Fortran type
     * @param prefix the symbol prefix of the type's shims
     */
    static String arrayClass(String cls, Type.Derived type, String prefix) {
        return """
                    /**
                     * A Fortran array of {@code %2$s} objects of any rank, in Fortran (column-major) order: {@code allocate(a(n))}
                     * for procedures that take {@code %2$s :: a(n)} (or {@code a(:)}, {@code a(*)}), {@code allocate(a(n, m))} for
                     * {@code a(n, m)}, {@code a(:, :)}, {@code a(n, *)}; or a view of an array component of another object. Its
                     * elements are handles that do not own their object. The arena deallocates an allocated array when it closes.
                     */
                    public static final class Array {

                        private static final MethodHandle NEW$ = LIBRARY.downcall("%3$s_new_array", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
                        private static final MethodHandle FREE$ = LIBRARY.downcall("%3$s_free_array", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
                        private static final MethodHandle AT$ = LIBRARY.downcall("%3$s_at", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG));

                        private final MemorySegment segment;
                        private final long[] shape;
                        private final long length;
                        private final Arena owner;

                        /** An array at {@code segment} of the given extents; {@code owner} is null for memory Fortran owns. */
                        private Array(MemorySegment segment, long[] shape, Arena owner) {
                            long length = 1;
                            for (long extent : shape) {
                                length *= extent;
                            }
                            this.segment = segment;
                            this.shape = shape;
                            this.length = length;
                            this.owner = owner;
                        }

                        /**
                         * Creates {@code length} default-initialised {@code %2$s} objects in one rank-1 Fortran array, owned by {@code arena}.
                         *
                         * @param arena  deallocates the array when it closes
                         * @param length the number of objects, at least 1
                         * @return the array
                         * @throws IllegalArgumentException if {@code length} is less than 1
                         */
                        public static Array allocate(Arena arena, long length) {
                            return allocate(arena, new long[] {length});
                        }

                        /**
                         * Creates one Fortran array of default-initialised {@code %2$s} objects of the given shape
                         * ({@code allocate(a(shape[0], shape[1], ...))}), owned by {@code arena}.
                         *
                         * @param arena deallocates the array when it closes
                         * @param shape the extents, one per dimension, each at least 1
                         * @return the array
                         * @throws IllegalArgumentException if no extent is given, one is less than 1, or there are more than 2^63 - 1 objects
                         */
                        public static Array allocate(Arena arena, long... shape) {
                            Objects.requireNonNull(arena, "arena");
                            Objects.requireNonNull(shape, "shape");
                            if (shape.length == 0) {
                                throw new IllegalArgumentException("shape: expected at least one extent, got none");
                            }
                            long[] extents = shape.clone();
                            long length = 1;
                            for (int d = 0; d < extents.length; d++) {
                                if (extents[d] < 1) {
                                    throw new IllegalArgumentException(extents.length == 1 ? "length: expected >= 1, got " + extents[d]
                                            : "shape: expected extent >= 1 in dimension " + d + ", got " + extents[d]);
                                }
                                if (length > Long.MAX_VALUE / extents[d]) {
                                    throw new IllegalArgumentException("shape: " + java.util.Arrays.toString(extents) + " holds more than 2^63 - 1 objects");
                                }
                                length *= extents[d];
                            }
                            long count = length;
                            try {
                                MemorySegment address = (MemorySegment) NEW$.invokeExact(count);
                                return new Array(address.reinterpret(arena, a -> free(a, count)), extents, arena);
                            } catch (Throwable t) {
                                throw unexpected(t);
                            }
                        }

                        private static void free(MemorySegment address, long length) {
                            try {
                                FREE$.invokeExact(address, length);
                            } catch (Throwable t) {
                                throw unexpected(t);
                            }
                        }

                        /**
                         * Returns the number of objects (of every dimension).
                         *
                         * @return the length
                         */
                        public long length() {
                            return length;
                        }

                        /**
                         * Returns the number of dimensions.
                         *
                         * @return the rank, at least 1
                         */
                        public int rank() {
                            return shape.length;
                        }

                        /**
                         * Returns the extents.
                         *
                         * @return a copy of the extents, one per dimension
                         */
                        public long[] shape() {
                            return shape.clone();
                        }

                        /**
                         * Returns the extent of one dimension.
                         *
                         * @param dim 0-based dimension, below {@link #rank()}
                         * @return its extent
                         * @throws IndexOutOfBoundsException if there is no such dimension
                         */
                        public long shape(int dim) {
                            return shape[Objects.checkIndex(dim, shape.length)];
                        }

                        /**
                         * Returns the address of the first object, scoped to the owner's arena.
                         *
                         * @return a zero-length segment at the array
                         */
                        public MemorySegment segment() {
                            return segment;
                        }

                        /**
                         * Returns one object of the array as a handle that does not own it, valid while the array lives.
                         *
                         * @param index 0-based, below {@link #length()}, in Fortran's array element order (the first index varies fastest)
                         * @return the element (Fortran's {@code a(index + 1)} of a rank-1 array)
                         * @throws IndexOutOfBoundsException if the index is outside the array
                         */
                        public %1$s get(long index) {
                            Objects.checkIndex(index, length);
                            try {
                                MemorySegment at = (MemorySegment) AT$.invokeExact(segment, length, index + 1);
                                return new %1$s(owner == null ? at : at.reinterpret(owner, null), owner);
                            } catch (Throwable t) {
                                throw unexpected(t);
                            }
                        }

                        /**
                         * Returns the object at one 0-based index per dimension as a handle that does not own it: {@code get(i, j)} is
                         * Fortran's {@code a(i + 1, j + 1)}.
                         *
                         * @param indices one index per dimension, each below that dimension's extent
                         * @return the element
                         * @throws IllegalArgumentException if the number of indices is not the rank
                         * @throws IndexOutOfBoundsException if an index is outside its dimension
                         */
                        public %1$s get(long... indices) {
                            Objects.requireNonNull(indices, "indices");
                            if (indices.length != shape.length) {
                                throw new IllegalArgumentException("indices: expected " + shape.length + " (the rank), got " + indices.length);
                            }
                            long flat = 0;
                            long stride = 1;
                            for (int d = 0; d < shape.length; d++) {
                                flat += Objects.checkIndex(indices[d], shape[d]) * stride;
                                stride *= shape[d];
                            }
                            return get(flat);
                        }
                    }
                """.formatted(cls, "type(" + type.name() + ")", prefix);
    }

    /**
     * The accessors of an array component of derived type: {@code getMany()} returns a view of the elements inside the
     * object ({@code Inner.Array} of borrowed handles, or a {@code StructArray} of bind(C) structs); an allocatable or
     * pointer one returns its current allocation or null and gets {@code allocateMany(extents...)} (and, allocatable,
     * {@code deallocateMany()}), as numeric array components do.
     *
     * @param owner  the handle type holding the component
     * @param c      the component
     * @param layout the Java layout expression of a bind(C) element type, or null for a handle element type
     */
    static String component(Type.Derived owner, Type.Component c, String layout) {
        String handle = HandleShimBuilder.componentSymbol(owner, c).toUpperCase(Locale.ROOT);
        String symbol = HandleShimBuilder.componentSymbol(owner, c);
        String base = GlobalAccessorBuilder.accessorBase(c.name());
        String element = c.type() instanceof Type.Derived d ? HandleBuilder.className(d) : null;
        String cls = element == null ? "StructArray" : element + ".Array";
        String what = "component {@code " + c.name() + "}, an array of {@code type("
                + (c.type() instanceof Type.Derived d ? d.name() : ((Type.Struct) c.type()).name()) + ")}";
        if (!c.allocatable() && !c.pointer()) {
            List<Long> extents = GlobalVariableFilter.extents(c.dimensions()).orElseThrow();
            String shape = String.join(", ", extents.stream().map(e -> e + "L").toList());
            long count = extents.stream().reduce(1L, (a, b) -> a * b);
            String view = element == null ? "StructArray.wrap(member(" + handle + ", " + count + "L * " + layout + ".byteSize()), " + layout
                    + ", " + shape + ")" : "new " + cls + "(member(" + handle + ", 0), new long[] {" + shape + "}, owner)";
            return """

                    private static final MethodHandle %1$s = LIBRARY.downcall("%2$s", FunctionDescriptor.of(ADDRESS, ADDRESS));

                    /**
                     * Returns %3$s of shape (%4$s) inside this object, as a view of its elements (no copy)%5$s.
                     *
                     * @return the view, Fortran order, valid while this object lives
                     */
                    public %6$s get%7$s() {
                        return %8$s;
                    }
                """.formatted(handle, symbol, what, shape.replace("L", ""), element == null ? "" : ", whose handles do not own them",
                    cls, base, view);
        }
        int rank = c.dimensions().size();
        var params = new ArrayList<String>();
        var docs = new StringBuilder();
        var checks = new StringBuilder();
        for (int d = 0; d < rank; d++) {
            params.add("long extent" + d);
            docs.append("     * @param extent").append(d).append(" the extent of dimension ").append(d).append('\n');
            checks.append(("            if (extent%1$d < 0) {\n                throw new IllegalArgumentException(\"%2$s: expected extent >= 0"
                    + " in dimension %1$d, got \" + extent%1$d);\n            }\n            shape.setAtIndex(JAVA_LONG, %1$d, extent%1$d);\n")
                    .formatted(d, c.name()));
        }
        // Lines inside the getter's try block (12 spaces in).
        String view = element == null ? "\n            long count = 1;\n            for (long e : extents) {\n                count = Math.multiplyExact(count, e);"
                + "\n            }\n            return StructArray.wrap(within(address, Math.multiplyExact(count, " + layout + ".byteSize())), " + layout
                + ", extents);" : "\n            return new " + cls + "(within(address, 0), extents, owner);";
        String notContiguous = c.pointer() ? "\n            if (extents[0] == -2) {\n                throw new IllegalStateException(\"" + c.name()
                + " points to memory that is not contiguous; no view of it\");\n            }" : "";
        String deallocate = c.pointer() ? "" : """

                    /** Deallocates component {@code %1$s} if it is allocated (Fortran {@code deallocate}); views of it become invalid. */
                    public void deallocate%2$s() {
                        try {
                            %3$s_DEALLOCATE.invokeExact(segment);
                        } catch (Throwable t) {
                            throw unexpected(t);
                        }
                    }
                """.formatted(c.name(), base, handle);
        return """

                private static final MethodHandle %1$s = LIBRARY.downcall("%2$s", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
                private static final MethodHandle %1$s_ALLOCATE = LIBRARY.downcall("%2$s_allocate", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));%3$s

                /**
                 * Returns %4$s %5$s,
                 * as a view of its current %6$s (no copy), or null when it is not %7$s. The view is valid until the array
                 * is deallocated or allocated again, by Java or by Fortran.
                 *
                 * @return the array, Fortran order, or null%8$s
                 */
                public %9$s get%10$s() {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment shape = arena.allocate(JAVA_LONG, %11$d);
                        MemorySegment address = (MemorySegment) %1$s.invokeExact(segment, shape);
                        long[] extents = shape.toArray(JAVA_LONG);%12$s
                        if (extents[0] < 0) {
                            return null;
                        }%13$s
                    } catch (Throwable t) {
                        throw unexpected(t);
                    }
                }

                /**
                 * Allocates component {@code %14$s} with these extents (Fortran {@code allocate}, which default-initialises the
                 * elements)%15$s.
                 *
            %16$s     * @throws IllegalArgumentException if an extent is negative
                 */
                public void allocate%10$s(%17$s) {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment shape = arena.allocate(JAVA_LONG, %11$d);
            %18$s            %1$s_ALLOCATE.invokeExact(segment, shape);
                    } catch (Throwable t) {
                        throw unexpected(t);
                    }
                }
            %19$s""".formatted(handle, symbol,
                c.pointer() ? "" : "\n    private static final MethodHandle " + handle + "_DEALLOCATE = LIBRARY.downcall(\"" + symbol
                        + "_deallocate\", FunctionDescriptor.ofVoid(ADDRESS));",
                c.pointer() ? "pointer" : "allocatable", what, c.pointer() ? "target" : "allocation",
                c.pointer() ? "associated" : "allocated",
                c.pointer() ? "\n     * @throws IllegalStateException if the pointer points to memory that is not contiguous" : "",
                cls, base, rank, notContiguous, view,
                c.name(), c.pointer() ? "; the memory it pointed to before is not freed (Gatun cannot know who owns it)"
                        : ", deallocating it first if it is allocated",
                docs, String.join(", ", params), checks, deallocate);
    }
}
