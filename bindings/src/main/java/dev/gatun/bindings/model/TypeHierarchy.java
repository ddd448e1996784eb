// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The extension tree of a library's handle types ({@code type, extends(shape) :: circle}). A type in a hierarchy (one
 * that extends another, is extended, or is abstract) crosses to Fortran with a type tag beside its address: a
 * {@code class(shape)} dummy gets an object of its dynamic type only when the shim knows that type, and the address
 * alone does not say it. Tags are numbered from 1 in the order the library defines its handle types, so the Java
 * emitter and the shim emitter agree on them.
 */
public final class TypeHierarchy {

    private final List<Type.Derived> types;

    private TypeHierarchy(List<Type.Derived> types) {
        this.types = types;
    }

    /**
     * Collects the handle types of a library.
     *
     * @param library the library
     * @return its hierarchy
     */
    public static TypeHierarchy of(Library library) {
        var out = new ArrayList<Type.Derived>();
        for (Unit u : library.units()) {
            for (DerivedType t : u.types()) {
                if (t.type() instanceof Type.Derived d) {
                    out.add(d);
                }
            }
        }
        return new TypeHierarchy(List.copyOf(out));
    }

    /** The handle types, in definition order. */
    public List<Type.Derived> types() {
        return types;
    }

    /** The library's own definition of a type (a parameter's type may be its {@code class} form). */
    public Type.Derived definition(Type.Derived t) {
        return types.stream().filter(t::sameType).findFirst().orElse(t);
    }

    /** Returns true when the type extends another, is extended by a type of the library, or is abstract. */
    public boolean inHierarchy(Type.Derived t) {
        return t.parent() != null || t.isAbstract() || types.stream().anyMatch(u -> u.parent() != null && u.parent().sameType(t));
    }

    /** The type's tag: its 1-based position among the library's handle types; 0 when it is not one of them. */
    public int tag(Type.Derived t) {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).sameType(t)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The types an object declared {@code class(t)} can have as its dynamic type: t (unless abstract) and its extensions. */
    public List<Type.Derived> concreteExtensions(Type.Derived t) {
        return types.stream().filter(u -> !u.isAbstract() && u.isExtensionOf(t)).toList();
    }

    /** The types that extend t directly or not (not t itself). */
    public List<Type.Derived> descendants(Type.Derived t) {
        return types.stream().filter(u -> !u.sameType(t) && u.isExtensionOf(t)).toList();
    }

    /** The symbol of the shim function that turns an address and a tag into a {@code class(t)} pointer. */
    public static String castFunction(Type.Derived t) {
        return "gatun__t_" + t.module().toLowerCase(Locale.ROOT) + "_" + t.name().toLowerCase(Locale.ROOT) + "_as";
    }
}
