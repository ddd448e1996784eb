// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * The type of a parameter, a function result or a struct field.
 *
 * <p>Array-ness is not a type: an array parameter has its element type here and its shape in
 * {@link Parameter#dimensions()}.
 */
public sealed interface Type {

    /** Returns a short human-readable spelling for diagnostics and Javadoc ({@code double}, {@code logical(4)}). */
    String describe();

    /** A numeric scalar. @param kind which one */
    record Scalar(ScalarKind kind) implements Type {
        /** Validates the kind. */
        public Scalar {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A Fortran {@code logical(kind)} or a C {@code _Bool} ({@code Logical(1)}); zero is false.
     *
     * @param bytes the storage size: 1, 2, 4 or 8
     */
    record Logical(int bytes) implements Type {
        /** Validates the size. */
        public Logical {
            if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) {
                throw new IllegalArgumentException("logical kind must be 1, 2, 4 or 8 bytes, got " + bytes);
            }
        }

        @Override
        public String describe() {
            return "logical(" + bytes + ")";
        }
    }

    /**
     * A Fortran {@code character(len=...)} string (or a C {@code char} array treated as text).
     *
     * @param length the declared length: a constant, an expression over other parameters, or
     *               {@link Expr.Star} for {@code character(len=*)}
     */
    record Character(Expr length) implements Type {
        /** Validates the length. */
        public Character {
            Objects.requireNonNull(length, "length");
        }

        /** Returns true for {@code character(len=*)}, whose length comes from the actual argument. */
        public boolean assumedLength() {
            return length instanceof Expr.Star;
        }

        @Override
        public String describe() {
            return "character(len=" + length.render() + ")";
        }
    }

    /**
     * An address that is not an array: {@code void *}, {@code type(c_ptr)}, an opaque handle, or a
     * pointer to a struct.
     *
     * @param pointee what it points to; {@link Void} when unknown
     */
    record Pointer(Type pointee) implements Type {
        /** Validates the pointee. */
        public Pointer {
            Objects.requireNonNull(pointee, "pointee");
        }

        @Override
        public String describe() {
            return pointee.describe() + "*";
        }
    }

    /**
     * A named C struct or union (or Fortran {@code bind(C)} derived type) with its layout as the C
     * compiler computes it. An opaque one (a forward declaration) has no fields and size 0.
     *
     * <p>Members the model cannot describe (bit-fields, anonymous members, flexible arrays) are not in
     * {@link #fields()}; their bytes stay in the layout as padding, so the struct still has its true size.
     *
     * @param name      the tag or type name
     * @param union     true for a C {@code union}: every field at offset 0
     * @param fields    the members that can be accessed, in declaration order
     * @param size      {@code sizeof}, in bytes; 0 when opaque
     * @param alignment {@code _Alignof}, in bytes; 1 when opaque
     * @param position  where it was declared
     */
    record Struct(String name, boolean union, List<Field> fields, long size, long alignment, SourcePosition position)
            implements Type {
        /** Validates and copies the components. */
        public Struct {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
            Objects.requireNonNull(position, "position");
            if (size < 0 || alignment < 1 || Long.bitCount(alignment) != 1) {
                throw new IllegalArgumentException("struct " + name + ": size " + size + " and alignment " + alignment
                        + " must be >= 0 and a power of two");
            }
            for (Field f : fields) {
                if (f.offset() < 0 || f.offset() > size) {
                    throw new IllegalArgumentException("struct " + name + ": field '" + f.name() + "' at offset "
                            + f.offset() + " lies outside its " + size + " bytes");
                }
            }
        }

        /**
         * Returns a struct whose layout is unknown (only forward-declared): it can be pointed to, nothing more.
         *
         * @param name     the tag or type name
         * @param position where it was declared
         * @return the opaque struct
         */
        public static Struct opaque(String name, SourcePosition position) {
            return new Struct(name, false, List.of(), 0, 1, position);
        }

        /** Returns true when the layout is unknown (a forward declaration). */
        public boolean opaque() {
            return size == 0 && fields.isEmpty();
        }

        @Override
        public String describe() {
            return (union ? "union " : "struct ") + name;
        }
    }

    /**
     * One member of a {@link Struct}.
     *
     * <p>An empty name marks a C11 anonymous struct or union member: its type is a {@link Struct} whose members
     * are reached as members of the enclosing struct ({@code s.u} for {@code struct { union { int u; }; } s}).
     *
     * @param name       the member name, or {@code ""} for an anonymous struct or union member
     * @param type       its type (element type for fixed-size array members; an integer or logical for bit-fields)
     * @param dimensions fixed extents of an array member, empty for a scalar member
     * @param offset     byte offset from the start of the struct, as the C compiler lays it out (for a bit-field,
     *                   the byte that holds its first bit)
     * @param bitShift   for a bit-field, the position of its lowest bit within the byte at {@code offset} (0 to 7)
     * @param bitWidth   the width of a bit-field in bits, or -1 for ordinary members
     * @param position   where it was declared
     */
    record Field(String name, Type type, List<Dimension> dimensions, long offset, int bitShift, int bitWidth,
                 SourcePosition position) {
        /** Validates and copies the components. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            dimensions = List.copyOf(dimensions);
            Objects.requireNonNull(position, "position");
            if (bitWidth >= 0 && (bitShift < 0 || bitShift > 7 || bitWidth > 64 || !dimensions.isEmpty())) {
                throw new IllegalArgumentException("field '" + name + "': a bit-field is a scalar of 1 to 64 bits starting at bit 0 to 7");
            }
            if (name.isEmpty() && !(type instanceof Struct)) {
                throw new IllegalArgumentException("an anonymous member must be a struct or union");
            }
        }

        /**
         * An ordinary (not bit-field) member.
         *
         * @param name       the member name
         * @param type       its type
         * @param dimensions fixed extents of an array member
         * @param offset     byte offset from the start of the struct
         * @param position   where it was declared
         */
        public Field(String name, Type type, List<Dimension> dimensions, long offset, SourcePosition position) {
            this(name, type, dimensions, offset, 0, -1, position);
        }

        /** Returns true for a bit-field. */
        public boolean isBitField() {
            return bitWidth >= 0;
        }
    }

    /**
     * A Fortran derived type that is not {@code bind(C)}: its layout is the compiler's secret, so Java holds
     * an object only as an address (a handle) and reaches its components and type-bound procedures through
     * generated {@code bind(C)} shim functions.
     *
     * @param name        the type name as written
     * @param module      the module that defines it (shims {@code use} it)
     * @param components  the components Java can reach that this type declares itself, in declaration order
     *                    (inherited ones are the parent's: see {@link #allComponents()})
     * @param bindings    its type-bound procedures, in declaration order (overriding ones included)
     * @param position    where it was defined
     * @param parent      the type it extends ({@code type, extends(parent) :: name}), or null
     * @param isAbstract  {@code type, abstract}: no object of exactly this type exists
     * @param polymorphic declared {@code class(name)} (a dummy argument), not {@code type(name)}: the object may be of
     *                    any extension of the type
     * @param generics    its generic bindings ({@code generic :: scale => scale_real, scale_int}), in declaration order
     * @param finals      its final procedures ({@code final :: cleanup}), which Fortran runs when it deallocates an object
     */
    record Derived(String name, String module, List<Component> components, List<Binding> bindings, SourcePosition position,
                   Derived parent, boolean isAbstract, boolean polymorphic, List<Generic> generics, List<String> finals) implements Type {
        /** Validates and copies the components. */
        public Derived {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(module, "module");
            components = List.copyOf(components);
            bindings = List.copyOf(bindings);
            Objects.requireNonNull(position, "position");
            generics = List.copyOf(generics);
            finals = List.copyOf(finals);
        }

        /**
         * A type that extends nothing and is not abstract, seen as {@code type(name)}.
         *
         * @param name       the type name as written
         * @param module     the module that defines it
         * @param components the components Java can reach
         * @param bindings   its type-bound procedures
         * @param position   where it was defined
         */
        public Derived(String name, String module, List<Component> components, List<Binding> bindings, SourcePosition position) {
            this(name, module, components, bindings, position, null, false, false, List.of(), List.of());
        }

        /** Returns this type as a {@code class(name)} dummy argument declares it. */
        public Derived asPolymorphic() {
            return polymorphic ? this : new Derived(name, module, components, bindings, position, parent, isAbstract, true, generics, finals);
        }

        /** Returns true when both name the same type (one may be {@code class}, the other {@code type}). */
        public boolean sameType(Derived other) {
            return other != null && name.equalsIgnoreCase(other.name) && module.equalsIgnoreCase(other.module);
        }

        /** Returns true when this type is {@code other} or extends it, directly or not. */
        public boolean isExtensionOf(Derived other) {
            for (Derived t = this; t != null; t = t.parent) {
                if (t.sameType(other)) {
                    return true;
                }
            }
            return false;
        }

        /** The components Java can reach, the inherited ones first (the parent's, then its parent's, ...). */
        public List<Component> allComponents() {
            if (parent == null) {
                return components;
            }
            var all = new java.util.ArrayList<>(parent.allComponents());
            all.addAll(components);
            return List.copyOf(all);
        }

        /** Returns the binding of this name that an object of this type calls: its own, else the nearest ancestor's. */
        public java.util.Optional<Binding> binding(String bindingName) {
            for (Derived t = this; t != null; t = t.parent) {
                for (Binding b : t.bindings) {
                    if (b.name().equalsIgnoreCase(bindingName)) {
                        return java.util.Optional.of(b);
                    }
                }
            }
            return java.util.Optional.empty();
        }

        @Override
        public String describe() {
            return (polymorphic ? "class(" : "type(") + name + ")";
        }
    }

    /**
     * One component of a {@link Derived} type that Java can reach.
     *
     * @param name        the component name
     * @param type        a number, logical, fixed-length character, bind(C) struct or handle type; the element type of an array
     * @param dimensions  its dimensions, empty for a scalar; deferred ({@code :}) for an allocatable or pointer array
     * @param allocatable true for an {@code allocatable} array component (or scalar of a handle type)
     * @param pointer     true for a {@code pointer} array component (or scalar of a handle type)
     * @param position    where it was declared
     */
    record Component(String name, Type type, List<Dimension> dimensions, boolean allocatable, boolean pointer, SourcePosition position) {
        /** Validates and copies the components. */
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            dimensions = List.copyOf(dimensions);
            Objects.requireNonNull(position, "position");
            if ((allocatable || pointer) && dimensions.isEmpty() && !(type instanceof Derived)) {
                throw new IllegalArgumentException("component '" + name + "': only allocatable and pointer arrays, and scalars of a"
                        + " handle type, are bound");
            }
        }
    }

    /**
     * A type-bound procedure: {@code procedure :: norm => particle_norm}, or {@code procedure(iface), deferred :: area}.
     *
     * @param name      the binding name (the Java method name derives from it)
     * @param procedure the specific procedure it calls; the interface's name for a deferred binding
     * @param pass      the passed-object dummy argument's name, or null for {@code nopass} (the first dummy by default
     *                  is resolved when the procedure is known)
     * @param position  where it was declared
     * @param deferred  {@code deferred}: an abstract type's binding that each concrete extension overrides
     * @param isPrivate   {@code private}: not callable outside the module (no method), but a generic binding may name it
     */
    record Binding(String name, String procedure, String pass, SourcePosition position, boolean deferred, boolean isPrivate) {
        /** Validates the components. */
        public Binding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(procedure, "procedure");
            Objects.requireNonNull(position, "position");
        }

        /**
         * A binding to a specific procedure.
         *
         * @param name      the binding name
         * @param procedure the specific procedure it calls
         * @param pass      the passed-object dummy's name, "" for the first, null for {@code nopass}
         * @param position  where it was declared
         */
        public Binding(String name, String procedure, String pass, SourcePosition position) {
            this(name, procedure, pass, position, false, false);
        }
    }

    /**
     * A generic type-bound procedure: {@code generic :: scale => scale_real, scale_int}, a name for several specific bindings
     * that Fortran tells apart by their arguments (Java by overloading).
     *
     * @param name     the generic name
     * @param bindings the names of the specific bindings, in order
     * @param position where it was declared
     */
    record Generic(String name, List<String> bindings, SourcePosition position) {
        /** Validates and copies the components. */
        public Generic {
            Objects.requireNonNull(name, "name");
            bindings = List.copyOf(bindings);
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A procedure passed as an argument: a C function pointer, a Fortran dummy procedure declared
     * in an {@code interface} block, or {@code type(c_funptr)} with a known signature.
     *
     * <p>With {@link #external()} present it is f2py's {@code intent(callback)} on a procedure that is
     * not a dummy argument: the Fortran code calls the external procedure of that name, which the
     * binding defines to call the Java callback; nothing is passed to the Fortran procedure for it.
     *
     * <p>With {@link #declared()} present the signature comes from an interface block (Fortran's
     * {@code interface}, a {@code .pyf} {@code __user__} routine): a procedure the binding passes for it
     * must repeat that interface exactly, since compilers compare the characteristics of a procedure
     * argument with the dummy's interface (intent, {@code value}, {@code target}).
     *
     * @param signature what the native side calls
     * @param external  the Fortran name of the external procedure the binding defines, or empty
     * @param declared  how an interface block declares the dummies, or empty when the signature was inferred
     */
    record Callback(Signature signature, java.util.Optional<String> external, java.util.Optional<Declared> declared) implements Type {
        /** Validates the signature. */
        public Callback {
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(external, "external");
            Objects.requireNonNull(declared, "declared");
        }

        /**
         * A callback passed as an argument, or an f2py {@code intent(callback)} external, whose signature was inferred.
         *
         * @param signature what the native side calls
         * @param external  the Fortran name of the external procedure the binding defines, or empty
         */
        public Callback(Signature signature, java.util.Optional<String> external) {
            this(signature, external, java.util.Optional.empty());
        }

        /**
         * What an interface block says about a callback's dummies beyond the {@link Signature}: the model
         * maps "no intent" onto {@code in} (scalars) or {@code inout} (arrays), the interface does not.
         *
         * @param withoutIntent the (lower-case) names of the dummies declared with no intent
         */
        public record Declared(java.util.Set<String> withoutIntent) {
            /** Copies the names. */
            public Declared {
                withoutIntent = java.util.Set.copyOf(withoutIntent);
            }
        }

        /**
         * A callback passed as an argument.
         *
         * @param signature what the native side calls
         */
        public Callback(Signature signature) {
            this(signature, java.util.Optional.empty());
        }

        /**
         * Returns true when this is a callback of a C procedure that Fortran code calls through a C adapter: an f2py
         * callstatement wrapper's callback whose signature a {@code __user__} routine declares. The adapter passes the
         * arguments on as a shim's adapter does (arrays with their extents, written scalars), so Java bridges it alike.
         *
         * @param language the language of the procedure taking the callback
         * @return true for such a callback
         */
        public boolean adaptedInC(Language language) {
            return language == Language.C && declared.isPresent();
        }

        @Override
        public String describe() {
            return "callback " + signature.describe();
        }
    }

    /** No value: the result type of subroutines and {@code void} functions. */
    record Void() implements Type {
        @Override
        public String describe() {
            return "void";
        }
    }

    /** The single {@link Void} instance, for convenience. */
    Void VOID = new Void();
}
