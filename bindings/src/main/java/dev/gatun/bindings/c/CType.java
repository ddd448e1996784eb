// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A C type as a header spells it, after the preprocessor ran.
 *
 * <p>Types are values: two spellings of the same type compare equal. Struct, union and enum types
 * are referenced by tag ({@link Tagged}); their definitions live in the {@link CTranslationUnit}, so
 * that a forward-declared (opaque) struct and its later definition are one type. Sizes are those of
 * the System V x86-64 LP64 ABI; {@link CLayout} computes aggregate sizes.
 */
public sealed interface CType {

    /** Returns this type without its outermost {@code const}/{@code volatile}/{@code restrict}. */
    default CType unqualified() {
        return this instanceof Qualified q ? q.type().unqualified() : this;
    }

    /** Returns this type with typedefs and qualifiers peeled off, down to the type they name. */
    default CType canonical() {
        CType t = unqualified();
        while (t instanceof TypedefRef ref) {
            t = ref.target().unqualified();
        }
        return t;
    }

    /** Returns the type as C would spell it, for messages and generated Javadoc. */
    String spelling();

    /** {@code void}. */
    record Void() implements CType {
        @Override
        public String spelling() {
            return "void";
        }
    }

    /** The integer kinds of x86-64 LP64, with their sizes and signedness. */
    enum IntKind {
        /** {@code _Bool}. */
        BOOL("_Bool", 1, false),
        /** Plain {@code char}, signed on x86-64. */
        CHAR("char", 1, true),
        /** {@code signed char}. */
        SIGNED_CHAR("signed char", 1, true),
        /** {@code unsigned char}. */
        UNSIGNED_CHAR("unsigned char", 1, false),
        /** {@code short}. */
        SHORT("short", 2, true),
        /** {@code unsigned short}. */
        UNSIGNED_SHORT("unsigned short", 2, false),
        /** {@code int}. */
        INT("int", 4, true),
        /** {@code unsigned int}. */
        UNSIGNED_INT("unsigned int", 4, false),
        /** {@code long}, 8 bytes on LP64. */
        LONG("long", 8, true),
        /** {@code unsigned long}. */
        UNSIGNED_LONG("unsigned long", 8, false),
        /** {@code long long}. */
        LONG_LONG("long long", 8, true),
        /** {@code unsigned long long}. */
        UNSIGNED_LONG_LONG("unsigned long long", 8, false),
        /** {@code __int128}: parsed, but Java has no matching carrier. */
        INT128("__int128", 16, true),
        /** {@code unsigned __int128}. */
        UNSIGNED_INT128("unsigned __int128", 16, false);

        private final String spelling;
        private final int size;
        private final boolean signed;

        IntKind(String spelling, int size, boolean signed) {
            this.spelling = spelling;
            this.size = size;
            this.signed = signed;
        }

        /** Returns the C spelling. */
        public String spelling() {
            return spelling;
        }

        /** Returns the size in bytes (also the alignment). */
        public int size() {
            return size;
        }

        /** Returns true for the signed kinds. */
        public boolean isSigned() {
            return signed;
        }
    }

    /**
     * An integer type.
     *
     * @param kind which one
     */
    record Int(IntKind kind) implements CType {
        /** Validates the component. */
        public Int {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String spelling() {
            return kind.spelling();
        }
    }

    /** The real floating kinds, with sizes and alignments of x86-64. */
    enum FloatKind {
        /** {@code float}. */
        FLOAT("float", 4, 4),
        /** {@code double}. */
        DOUBLE("double", 8, 8),
        /** {@code long double}: the x87 80-bit format in 16 bytes. */
        LONG_DOUBLE("long double", 16, 16),
        /** {@code _Float128}/{@code __float128}: parsed, but Java has no matching carrier. */
        FLOAT128("_Float128", 16, 16);

        private final String spelling;
        private final int size;
        private final int alignment;

        FloatKind(String spelling, int size, int alignment) {
            this.spelling = spelling;
            this.size = size;
            this.alignment = alignment;
        }

        /** Returns the C spelling. */
        public String spelling() {
            return spelling;
        }

        /** Returns the size in bytes. */
        public int size() {
            return size;
        }

        /** Returns the alignment in bytes. */
        public int alignment() {
            return alignment;
        }
    }

    /**
     * A real floating type.
     *
     * @param kind which one
     */
    record Floating(FloatKind kind) implements CType {
        /** Validates the component. */
        public Floating {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String spelling() {
            return kind.spelling();
        }
    }

    /**
     * {@code _Complex} of a real floating type: two of them, real part first.
     *
     * @param kind the type of each part
     */
    record Complex(FloatKind kind) implements CType {
        /** Validates the component. */
        public Complex {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String spelling() {
            return kind.spelling() + " _Complex";
        }
    }

    /**
     * A pointer.
     *
     * @param pointee what it points to (qualifiers included: {@code const double *} points to a
     *                {@link Qualified} double)
     */
    record Pointer(CType pointee) implements CType {
        /** Validates the component. */
        public Pointer {
            Objects.requireNonNull(pointee, "pointee");
        }

        @Override
        public String spelling() {
            return pointee instanceof Function f ? f.spellingAround("(*)") : pointee.spelling() + " *";
        }
    }

    /**
     * An array.
     *
     * @param element the element type
     * @param length  the number of elements; empty for {@code []} (flexible members, parameters)
     */
    record Array(CType element, OptionalLong length) implements CType {
        /** Validates the components. */
        public Array {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(length, "length");
        }

        @Override
        public String spelling() {
            return element.spelling() + "[" + (length.isPresent() ? Long.toString(length.getAsLong()) : "") + "]";
        }
    }

    /**
     * A function type, as a prototype or a callback's pointee declares it.
     *
     * @param returnType what it returns
     * @param parameters its parameters, in order ({@code (void)} gives none)
     * @param variadic   true when the list ends with {@code ...}
     */
    record Function(CType returnType, List<CParameter> parameters, boolean variadic) implements CType {
        /** Validates and copies the components. */
        public Function {
            Objects.requireNonNull(returnType, "returnType");
            parameters = List.copyOf(parameters);
        }

        @Override
        public String spelling() {
            return spellingAround("");
        }

        String spellingAround(String inner) {
            StringBuilder s = new StringBuilder(returnType.spelling()).append(' ').append(inner).append('(');
            for (int i = 0; i < parameters.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(parameters.get(i).type().spelling());
            }
            if (variadic) {
                s.append(parameters.isEmpty() ? "..." : ", ...");
            } else if (parameters.isEmpty()) {
                s.append("void");
            }
            return s.append(')').toString();
        }
    }

    /** Which kind of tagged type. */
    enum TagKind {
        /** {@code struct}. */
        STRUCT,
        /** {@code union}. */
        UNION,
        /** {@code enum}. */
        ENUM;

        /** Returns the C keyword. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A struct, union or enum type, referenced by tag.
     *
     * @param kind struct, union or enum
     * @param tag  the tag; anonymous ones get a unique synthetic tag starting with {@code <anonymous}
     */
    record Tagged(TagKind kind, String tag) implements CType {
        /** Validates the components. */
        public Tagged {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(tag, "tag");
        }

        /** Returns true when the header gave this type no tag. */
        public boolean isAnonymous() {
            return tag.startsWith("<anonymous");
        }

        @Override
        public String spelling() {
            return kind.keyword() + " " + tag;
        }
    }

    /**
     * A use of a typedef name.
     *
     * @param name      the typedef name
     * @param target    the type it stands for
     * @param alignment the alignment the typedef requests with {@code __attribute__((aligned(n)))}, or 0
     */
    record TypedefRef(String name, CType target, long alignment) implements CType {
        /** Validates the components. */
        public TypedefRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
        }

        /**
         * A typedef with the natural alignment of its target.
         *
         * @param name   the typedef name
         * @param target the type it stands for
         */
        public TypedefRef(String name, CType target) {
            this(name, target, 0);
        }

        @Override
        public String spelling() {
            return name;
        }
    }

    /**
     * A qualified type.
     *
     * @param type       the type qualified
     * @param isConst    {@code const}
     * @param isVolatile {@code volatile}
     * @param isRestrict {@code restrict} (and GNU {@code __restrict})
     */
    record Qualified(CType type, boolean isConst, boolean isVolatile, boolean isRestrict) implements CType {
        /** Validates the component. */
        public Qualified {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String spelling() {
            String q = (isConst ? "const " : "") + (isVolatile ? "volatile " : "");
            if (type instanceof Pointer) {
                return type.spelling() + (isConst ? " const" : "") + (isVolatile ? " volatile" : "")
                        + (isRestrict ? " restrict" : "");
            }
            return q + type.spelling();
        }
    }

    /** GCC's {@code __builtin_va_list}: on x86-64 an array of one 24-byte {@code __va_list_tag}. */
    record VaList() implements CType {
        @Override
        public String spelling() {
            return "__builtin_va_list";
        }
    }

    /**
     * A type the parser recognised but cannot represent, such as {@code __typeof__(x)}.
     *
     * @param description what it was, for the diagnostic that goes with it
     */
    record Unsupported(String description) implements CType {
        /** Validates the component. */
        public Unsupported {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String spelling() {
            return "<unsupported: " + description + ">";
        }
    }
}
