// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.NameMangler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the nested class that exposes one C struct or union to Java: a {@code StructLayout} (or
 * {@code UnionLayout}) constant whose offsets and padding are exactly the C compiler's, and a small
 * wrapper over a {@code MemorySegment} with one getter and one fluent setter per member. Padding is
 * derived from the offsets the C frontend computed, so members the model leaves out (bit-fields,
 * anonymous members) keep their bytes. A member whose natural Java alignment exceeds its C alignment
 * (packed structs) uses the {@code _UNALIGNED} value layout.
 */
final class StructBuilder {

    private final Type.Struct struct;
    private final String cls;

    StructBuilder(Type.Struct struct) {
        this.struct = struct;
        this.cls = className(struct);
    }

    /** The Java class of a struct: {@code struct fftw_iodim_do_not_use_me} becomes {@code FftwIodimDoNotUseMe}. */
    static String className(Type.Struct s) {
        return NameMangler.nestedClassName(s.name());
    }

    /** A complete struct reached through a pointer or by value, or null. */
    static Type.Struct wrapped(Type t) {
        Type inner = t instanceof Type.Pointer p ? p.pointee() : t;
        return inner instanceof Type.Struct s && !s.opaque() ? s : null;
    }

    /**
     * The members reached through accessors: the struct's own, and those of its anonymous struct and union
     * members (recursively) at their offsets in this struct; named per {@link NameMangler#memberNames}.
     */
    private static List<Type.Field> accessible(Type.Struct s, long base) {
        var out = new ArrayList<Type.Field>();
        for (Type.Field f : s.fields()) {
            if (f.name().isEmpty()) {
                out.addAll(accessible((Type.Struct) f.type(), base + f.offset()));
            } else {
                out.add(new Type.Field(f.name(), f.type(), f.dimensions(), base + f.offset(), f.bitShift(), f.bitWidth(), f.position()));
            }
        }
        return out;
    }

    String build() {
        var layouts = new ArrayList<String>();
        var accessors = new StringBuilder();
        var shown = new ArrayList<String>();
        long at = 0;
        long fieldAlignment = 1;
        List<Type.Field> members = accessible(struct, 0);
        List<String> names = NameMangler.memberNames(members.stream().map(Type.Field::name).toList());
        for (int i = 0; i < members.size(); i++) {
            Type.Field f = members.get(i);
            String element = f.isBitField() ? null : valueLayout(f.type(), !aligned(f));
            accessors.append(accessor(f, names.get(i), element));
            if (f.dimensions().isEmpty() && !(f.type() instanceof Type.Struct)) {
                shown.add("\"" + f.name() + "=\" + " + names.get(i) + "()");
            }
        }
        // Bit-fields share storage units with their neighbours: in the layout they are padding.
        List<Type.Field> fields = struct.fields().stream().filter(f -> !f.isBitField())
                .sorted(Comparator.comparingLong(Type.Field::offset)).toList();
        int anonymous = 0;
        for (Type.Field f : fields) {
            long natural = alignment(f.type());
            boolean unaligned = natural > struct.alignment() || f.offset() % natural != 0;
            if (unaligned && f.type() instanceof Type.Struct) {
                continue; // a nested struct in a packed one: FFM cannot lower its alignment, so its bytes stay padding
            }
            if (!struct.union() && f.offset() > at) {
                layouts.add("MemoryLayout.paddingLayout(" + (f.offset() - at) + ")");
            }
            String element = valueLayout(f.type(), unaligned);
            String layoutName = f.name().isEmpty() ? "$anonymous" + anonymous++ : f.name();
            layouts.add(sequence(f.dimensions(), element) + ".withName(\"" + layoutName + "\")");
            fieldAlignment = Math.max(fieldAlignment, unaligned ? 1 : natural);
            at = struct.union() ? at : f.offset() + size(f);
        }
        if (struct.union()) {
            long largest = fields.stream().mapToLong(StructBuilder::size).max().orElse(0);
            if (struct.size() > largest) {
                layouts.add("MemoryLayout.paddingLayout(" + struct.size() + ")");
            }
        } else if (struct.size() > at) {
            layouts.add("MemoryLayout.paddingLayout(" + (struct.size() - at) + ")");
        }
        String kind = struct.union() ? "unionLayout" : "structLayout";
        String realign = struct.alignment() != fieldAlignment ? ".withByteAlignment(" + struct.alignment() + ")" : "";
        String memberLayouts = layouts.isEmpty() ? "" : "\n                " + String.join(",\n                ", layouts);
        String text = shown.isEmpty() ? "\"" + cls + "[\" + segment + \"]\""
                : "\"" + cls + "[\" + " + String.join(" + \", \" + ", shown) + " + \"]\"";
        return """

                    /**
                     * C {@code %s}, declared at {@code %s:%d}: %d bytes, aligned to %d, laid out as the C compiler lays it out.
                     * A view over native memory; it allocates nothing itself.
                     */
                    public static final class %s {

                        /** The C layout: member offsets and padding as gcc computes them. */
                        public static final %s LAYOUT = MemoryLayout.%s(%s)%s.withName("%s");

                        private final MemorySegment segment;

                        private %s(MemorySegment segment) {
                            this.segment = segment;
                        }

                        /**
                         * Allocates a zeroed {@code %s}.
                         *
                         * @param allocator where the memory comes from, e.g. an {@code Arena}
                         * @return the new struct
                         */
                        public static %s allocate(SegmentAllocator allocator) {
                            return new %s(Objects.requireNonNull(allocator, "allocator").allocate(LAYOUT));
                        }

                        /**
                         * Views native memory as a {@code %s}.
                         *
                         * @param segment at least {@code LAYOUT.byteSize()} bytes, aligned to {@code LAYOUT.byteAlignment()}
                         * @return the view
                         * @throws IllegalArgumentException if the segment is too small or misaligned
                         */
                        public static %s of(MemorySegment segment) {
                            Objects.requireNonNull(segment, "segment");
                            if (segment.byteSize() < LAYOUT.byteSize()) {
                                throw new IllegalArgumentException("segment: expected at least " + LAYOUT.byteSize()
                                        + " bytes for %s, got " + segment.byteSize());
                            }
                            if (!segment.isNative() || segment.address() %% LAYOUT.byteAlignment() != 0) {
                                throw new IllegalArgumentException("segment: expected native memory aligned to " + LAYOUT.byteAlignment()
                                        + " bytes for %s, got " + segment);
                            }
                            return new %s(segment.asSlice(0, LAYOUT));
                        }

                        /**
                         * Returns the memory this struct lives in.
                         *
                         * @return the segment, exactly {@code LAYOUT.byteSize()} bytes
                         */
                        public MemorySegment segment() {
                            return segment;
                        }
                %s
                        @Override
                        public String toString() {
                            return %s;
                        }
                    }
                """.formatted(struct.describe(), struct.position().file().getFileName(), struct.position().line(), struct.size(),
                struct.alignment(), cls, struct.union() ? "UnionLayout" : "StructLayout", kind, memberLayouts, realign, struct.name(), cls,
                struct.describe(), cls, cls, struct.describe(), cls, struct.describe(), struct.describe(), cls, accessors, text);
    }

    /** Whether a member sits where its Java layout's natural alignment allows (not in a packed struct). */
    private boolean aligned(Type.Field f) {
        long natural = alignment(f.type());
        return natural <= struct.alignment() && f.offset() % natural == 0;
    }

    private String accessor(Type.Field f, String name, String element) {
        if (f.isBitField()) {
            return bitFieldAccessor(f, name);
        }
        var params = new ArrayList<String>();
        var docs = new StringBuilder();
        var checks = new StringBuilder();
        String offset = f.offset() + "L";
        if (!f.dimensions().isEmpty()) {
            long stride = elementSize(f.type());
            var terms = new ArrayList<String>();
            for (int d = f.dimensions().size() - 1; d >= 0; d--) {
                long extent = extent(f.dimensions().get(d));
                String index = "i" + d;
                params.addFirst("long " + index);
                docs.insert(0, "         * @param " + index + " index " + d + ", 0 to " + (extent - 1) + "\n");
                checks.insert(0, "            Objects.checkIndex(" + index + ", " + extent + ");\n");
                terms.addFirst(index + " * " + stride + "L");
                stride *= extent;
            }
            offset = f.offset() + "L + " + String.join(" + ", terms);
        }
        String args = String.join(", ", params);
        String argsComma = args.isEmpty() ? "" : args + ", ";
        String where = "member {@code " + f.name() + "} (offset " + f.offset() + ")";
        if (f.type() instanceof Type.Struct inner) {
            String innerCls = className(inner);
            return """

                            /**
                             * Returns %s as a view sharing this struct's memory.
                             *
                    %s         * @return the view
                             */
                            public %s %s(%s) {
                    %s            return new %s(segment.asSlice(%s, %s.LAYOUT));
                            }
                    """.formatted(where, docs, innerCls, name, args, checks, innerCls, offset, innerCls);
        }
        String javaType = javaType(f.type());
        return """

                        /**
                         * Returns %s.
                         *
                %s         * @return the value
                         */
                        public %s %s(%s) {
                %s            return %s;
                        }

                        /**
                         * Sets %s.
                         *
                %s         * @param value the new value
                         * @return this struct
                         */
                        public %s %s(%svalue) {
                %s            %s;
                            return this;
                        }
                """.formatted(where, docs, javaType, name, args, checks, load(f.type(), element, offset), where, docs, cls, name,
                argsComma + javaType + " ", checks, store(f.type(), element, offset));
    }

    /**
     * A bit-field is read and written a byte at a time (little-endian), so any position gcc gives it, packed
     * or not, is reached without an unaligned wide access; signed fields are sign-extended.
     */
    private String bitFieldAccessor(Type.Field f, String name) {
        int bytes = (f.bitShift() + f.bitWidth() + 7) / 8;
        String mask = f.bitWidth() == 64 ? "-1L" : "0x" + Long.toHexString((1L << f.bitWidth()) - 1) + "L";
        boolean signed = f.type() instanceof Type.Scalar sc && sc.kind().name().startsWith("INT");
        String javaType = javaType(f.type());
        String where = "bit-field {@code " + f.name() + "} (" + f.bitWidth() + " bits at byte " + f.offset() + ", bit " + f.bitShift() + ")";
        String read = "(bits >>> " + f.bitShift() + ") & " + mask;
        String value = signed && f.bitWidth() < 64 ? "(" + read + ") << " + (64 - f.bitWidth()) + " >> " + (64 - f.bitWidth()) : read;
        String result = switch (javaType) {
            case "boolean" -> "(" + value + ") != 0";
            case "long" -> value;
            default -> "(" + javaType + ") (" + value + ")";
        };
        String in = javaType.equals("boolean") ? "(value ? 1L : 0L)" : "(long) value";
        return """

                        /**
                         * Returns %s.
                         *
                         * @return the value
                         */
                        public %s %s() {
                            long bits = 0;
                            for (int k = 0; k < %d; k++) {
                                bits |= (segment.get(JAVA_BYTE, %dL + k) & 0xFFL) << (8 * k);
                            }
                            return %s;
                        }

                        /**
                         * Sets %s; bits beyond its width are dropped, as in C.
                         *
                         * @param value the new value
                         * @return this struct
                         */
                        public %s %s(%s value) {
                            long bits = 0;
                            for (int k = 0; k < %d; k++) {
                                bits |= (segment.get(JAVA_BYTE, %dL + k) & 0xFFL) << (8 * k);
                            }
                            bits = bits & ~(%s << %d) | (%s & %s) << %d;
                            for (int k = 0; k < %d; k++) {
                                segment.set(JAVA_BYTE, %dL + k, (byte) (bits >>> (8 * k)));
                            }
                            return this;
                        }
                """.formatted(where, javaType, name, bytes, f.offset(), result, where, cls, name, javaType, bytes, f.offset(),
                mask, f.bitShift(), in, mask, f.bitShift(), bytes, f.offset());
    }

    static String javaType(Type t) {
        return t instanceof Type.Logical ? "boolean" : JavaTypes.scalar(t);
    }

    static String load(Type t, String layout, String offset) {
        return switch (t) {
            case Type.Logical l -> "segment.get(" + layout + ", " + offset + ") != 0";
            case Type.Scalar s when s.kind().isComplex() -> {
                String part = s.kind() == ScalarKind.COMPLEX_DOUBLE ? "JAVA_DOUBLE" : "JAVA_FLOAT";
                int half = s.kind().bytes() / 2;
                yield "new Complex(segment.get(" + part + ", " + offset + "), segment.get(" + part + ", " + offset + " + " + half + "L))";
            }
            default -> "segment.get(" + layout + ", " + offset + ")";
        };
    }

    static String store(Type t, String layout, String offset) {
        return switch (t) {
            case Type.Logical l -> "segment.set(" + layout + ", " + offset + ", " + switch (l.bytes()) {
                case 1 -> "(byte) (value ? 1 : 0)";
                case 2 -> "(short) (value ? 1 : 0)";
                case 8 -> "value ? 1L : 0L";
                default -> "value ? 1 : 0";
            } + ")";
            case Type.Scalar s when s.kind().isComplex() -> {
                boolean d = s.kind() == ScalarKind.COMPLEX_DOUBLE;
                String part = d ? "JAVA_DOUBLE" : "JAVA_FLOAT";
                String cast = d ? "" : "(float) ";
                int half = s.kind().bytes() / 2;
                yield "Objects.requireNonNull(value, \"value\");\n            segment.set(" + part + ", " + offset + ", " + cast
                        + "value.re());\n            segment.set(" + part + ", " + offset + " + " + half + "L, " + cast + "value.im())";
            }
            case Type.Pointer p -> "segment.set(" + layout + ", " + offset + ", Objects.requireNonNull(value, \"value\"))";
            default -> "segment.set(" + layout + ", " + offset + ", value)";
        };
    }

    /** The layout of one element of a member. */
    static String valueLayout(Type t, boolean unaligned) {
        String suffix = unaligned ? "_UNALIGNED" : "";
        return switch (t) {
            case Type.Scalar s -> switch (s.kind()) {
                case INT8, UINT8 -> "JAVA_BYTE";
                case INT16, UINT16 -> "JAVA_SHORT" + suffix;
                case INT32, UINT32 -> "JAVA_INT" + suffix;
                case INT64, UINT64 -> "JAVA_LONG" + suffix;
                case FLOAT -> "JAVA_FLOAT" + suffix;
                case DOUBLE -> "JAVA_DOUBLE" + suffix;
                case COMPLEX_FLOAT -> "MemoryLayout.structLayout(JAVA_FLOAT" + suffix + ".withName(\"re\"), JAVA_FLOAT" + suffix
                        + ".withName(\"im\"))";
                case COMPLEX_DOUBLE -> "MemoryLayout.structLayout(JAVA_DOUBLE" + suffix + ".withName(\"re\"), JAVA_DOUBLE" + suffix
                        + ".withName(\"im\"))";
            };
            case Type.Logical l -> switch (l.bytes()) {
                case 1 -> "JAVA_BYTE";
                case 2 -> "JAVA_SHORT" + suffix;
                case 8 -> "JAVA_LONG" + suffix;
                default -> "JAVA_INT" + suffix;
            };
            case Type.Pointer p -> "ADDRESS" + suffix;
            case Type.Struct s -> className(s) + ".LAYOUT";
            default -> throw new IllegalArgumentException("no struct member layout for " + t.describe());
        };
    }

    private static String sequence(List<Dimension> dims, String element) {
        String layout = element;
        for (int d = dims.size() - 1; d >= 0; d--) {
            layout = "MemoryLayout.sequenceLayout(" + extent(dims.get(d)) + ", " + layout + ")";
        }
        return layout;
    }

    private static long extent(Dimension d) {
        var e = (Dimension.Explicit) d;
        return ((Expr.IntConst) e.upper()).value() - ((Expr.IntConst) e.lower()).value() + 1;
    }

    private static long size(Type.Field f) {
        long n = elementSize(f.type());
        for (Dimension d : f.dimensions()) {
            n *= extent(d);
        }
        return n;
    }

    static long elementSize(Type t) {
        return switch (t) {
            case Type.Scalar s -> s.kind().bytes();
            case Type.Logical l -> l.bytes();
            case Type.Struct s -> s.size();
            default -> 8;
        };
    }

    /** The alignment Java's value layouts (and a nested struct's layout) have. */
    private static long alignment(Type t) {
        return switch (t) {
            case Type.Scalar s -> s.kind().isComplex() ? s.kind().bytes() / 2 : s.kind().bytes();
            case Type.Struct s -> s.alignment();
            default -> elementSize(t);
        };
    }
}
