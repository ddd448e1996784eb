// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.DerivedType;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.TypeHierarchy;
import dev.gatun.bindings.pass.Notes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the {@code bind(C)} functions behind the handle of a derived type that is not {@code bind(C)}:
 * {@code _new} allocates an object through a Fortran pointer and returns {@code c_loc} of it, {@code _free}
 * deallocates it (its allocatable components with it), and one address function per component returns the
 * component's address (and an allocatable or pointer array's shape), exactly as {@link GlobalShimBuilder} does
 * for module variables, with the object's address as the first argument. Only the compiler knows the type's
 * layout, so Java never computes an offset into it.
 */
final class HandleShimBuilder {

    private HandleShimBuilder() {
    }

    /** The symbol prefix of a type's shim functions: {@code gatun__t_<module>_<type>}. */
    static String prefix(Type.Derived t) {
        return "gatun__t_" + t.module().toLowerCase(Locale.ROOT) + "_" + t.name().toLowerCase(Locale.ROOT);
    }

    /** The address function of one component. */
    static String componentSymbol(Type.Derived t, Type.Component c) {
        return prefix(t) + "__" + c.name().toLowerCase(Locale.ROOT);
    }

    /** The handle types of the library: every non-bind(C) type its modules define. */
    static List<Type.Derived> types(Library library) {
        return library.units().stream().flatMap(u -> u.types().stream()).map(DerivedType::type)
                .filter(t -> t instanceof Type.Derived).map(t -> (Type.Derived) t).toList();
    }

    /** The shim functions of every handle type. */
    static String all(Library library, Annotations notes) {
        var modules = new TreeMap<String, String>();
        library.units().forEach(u -> u.types().forEach(t -> modules.put(t.name().toLowerCase(Locale.ROOT), t.module())));
        var sb = new StringBuilder();
        var hierarchy = TypeHierarchy.of(library);
        for (Type.Derived t : types(library)) {
            if (hierarchy.inHierarchy(t)) {
                sb.append(cast(t, hierarchy, modules));
            }
            // No object of an abstract type exists: its components are reached through its extensions' handles.
            if (t.isAbstract()) {
                continue;
            }
            sb.append(lifecycle(t));
            // An extension's own functions reach the inherited components too (gatun_o%x names them), as Fortran sees them.
            for (Type.Component c : t.allComponents()) {
                if (notes.get(c, Notes.Unsupported.class).isEmpty()) {
                    sb.append(c.dimensions().isEmpty() && (c.allocatable() || c.pointer()) && c.type() instanceof Type.Derived d
                            ? dynamicComponent(t, c, d, hierarchy, modules) : component(t, c, modules));
                }
            }
        }
        return sb.toString();
    }

    /**
     * The function that makes a {@code class(t)} pointer from an object's address and its type tag (which Java keeps
     * in the handle): one case per concrete type of the object's possible dynamic types. Not {@code bind(C)}: only the
     * shims call it.
     */
    private static String cast(Type.Derived t, TypeHierarchy hierarchy, Map<String, String> modules) {
        String name = TypeHierarchy.castFunction(t);
        var uses = new TreeMap<String, TreeSet<String>>();
        var decls = new StringBuilder();
        var cases = new StringBuilder();
        uses.computeIfAbsent(t.module().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(t.name().toLowerCase(Locale.ROOT));
        for (Type.Derived d : hierarchy.concreteExtensions(t)) {
            int tag = hierarchy.tag(d);
            String type = d.name().toLowerCase(Locale.ROOT);
            uses.computeIfAbsent(d.module().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(type);
            decls.append("    type(").append(type).append("), pointer :: gatun_").append(tag).append('\n');
            cases.append("    case (").append(tag).append(")\n      call c_f_pointer(gatun_a, gatun_").append(tag)
                    .append(")\n      gatun_o => gatun_").append(tag).append('\n');
        }
        var use = new StringBuilder();
        uses.forEach((m, names) -> use.append("    use ").append(m).append(", only: ").append(String.join(", ", names)).append('\n'));
        return """

                  function %1$s(gatun_a, gatun_tag) result(gatun_o)
                %2$s    type(c_ptr), intent(in) :: gatun_a
                    integer(c_int), intent(in) :: gatun_tag
                    class(%3$s), pointer :: gatun_o
                %4$s    nullify(gatun_o)
                    select case (gatun_tag)
                %5$s    end select
                  end function %1$s
                """.formatted(name, use, t.name().toLowerCase(Locale.ROOT), decls, cases);
    }

    private static String lifecycle(Type.Derived t) {
        String p = prefix(t);
        String use = use(t, null, Map.of());
        String type = t.name().toLowerCase(Locale.ROOT);
        return """

                  function %1$s_new() bind(C, name="%1$s_new") result(gatun_p)
                %2$s    type(c_ptr) :: gatun_p
                    type(%3$s), pointer :: gatun_o
                    allocate(gatun_o)
                    gatun_p = c_loc(gatun_o)
                  end function %1$s_new

                  subroutine %1$s_free(gatun_a) bind(C, name="%1$s_free")
                %2$s    type(c_ptr), value :: gatun_a
                    type(%3$s), pointer :: gatun_o
                    call c_f_pointer(gatun_a, gatun_o)
                    deallocate(gatun_o)
                  end subroutine %1$s_free

                  function %1$s_new_array(gatun_n) bind(C, name="%1$s_new_array") result(gatun_p)
                %2$s    integer(c_int64_t), value :: gatun_n
                    type(c_ptr) :: gatun_p
                    type(%3$s), pointer :: gatun_o(:)
                    allocate(gatun_o(gatun_n))
                    gatun_p = c_loc(gatun_o(1))
                  end function %1$s_new_array

                  subroutine %1$s_free_array(gatun_a, gatun_n) bind(C, name="%1$s_free_array")
                %2$s    type(c_ptr), value :: gatun_a
                    integer(c_int64_t), value :: gatun_n
                    type(%3$s), pointer :: gatun_o(:)
                    call c_f_pointer(gatun_a, gatun_o, [gatun_n])
                    deallocate(gatun_o)
                  end subroutine %1$s_free_array

                  function %1$s_at(gatun_a, gatun_n, gatun_i) bind(C, name="%1$s_at") result(gatun_p)
                %2$s    type(c_ptr), value :: gatun_a
                    integer(c_int64_t), value :: gatun_n, gatun_i
                    type(c_ptr) :: gatun_p
                    type(%3$s), pointer :: gatun_o(:)
                    call c_f_pointer(gatun_a, gatun_o, [gatun_n])
                    gatun_p = c_loc(gatun_o(gatun_i))
                  end function %1$s_at
                """.formatted(p, use, type);
    }

    /** {@code use} of the type's module, and of the module of a component's derived type. */
    private static String use(Type.Derived t, Type.Component c, Map<String, String> modules) {
        var byModule = new TreeMap<String, TreeSet<String>>();
        byModule.computeIfAbsent(t.module().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(t.name().toLowerCase(Locale.ROOT));
        if (c != null) {
            String inner = c.type() instanceof Type.Struct s ? s.name() : c.type() instanceof Type.Derived d ? d.name() : null;
            String module = inner == null ? null : modules.get(inner.toLowerCase(Locale.ROOT));
            if (module != null) {
                byModule.computeIfAbsent(module.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(inner.toLowerCase(Locale.ROOT));
            }
        }
        var sb = new StringBuilder();
        byModule.forEach((m, names) -> sb.append("    use ").append(m).append(", only: ").append(String.join(", ", names)).append('\n'));
        return sb.toString();
    }

    private static String component(Type.Derived t, Type.Component c, Map<String, String> modules) {
        String sym = componentSymbol(t, c);
        String n = c.name().toLowerCase(Locale.ROOT);
        String use = use(t, c, modules);
        String object = "    type(c_ptr), value :: gatun_a\n    type(" + t.name().toLowerCase(Locale.ROOT) + "), pointer :: gatun_o\n";
        String associate = "    call c_f_pointer(gatun_a, gatun_o)\n";
        if (!c.allocatable() && !c.pointer()) {
            return GlobalShimBuilder.addressFunction(sym, "gatun_a", use, object + associate, "gatun_o%" + n, c.type(), !c.dimensions().isEmpty());
        }
        int rank = c.dimensions().size();
        String shape = "    integer(c_int64_t), intent(%s) :: gatun_shape(" + rank + ")\n";
        String status = c.pointer() ? "associated" : "allocated";
        // A pointer may point to a strided section: an assumed-size dummy would get a copy, so it gets no view (-2).
        String view = c.pointer() ? """
                      if (.not. is_contiguous(gatun_o%%%1$s)) then
                        gatun_shape(1) = -2
                      else if (size(gatun_o%%%1$s, kind=c_int64_t) > 0) then
                        gatun_p = gatun_loc(gatun_o%%%1$s)
                      end if
                """.formatted(n) : "      if (size(gatun_o%" + n + ", kind=c_int64_t) > 0) gatun_p = gatun_loc(gatun_o%" + n + ")\n";
        String body = object + shape.formatted("out") + associate + """
                    gatun_p = c_null_ptr
                    gatun_shape = -1
                    if (%s(gatun_o%%%s)) then
                      gatun_shape = shape(gatun_o%%%s, kind=c_int64_t)
                """.formatted(status, n, n) + view + "    end if\n";
        var bounds = new StringBuilder();
        for (int d = 1; d <= rank; d++) {
            bounds.append(d > 1 ? ", " : "").append("gatun_shape(").append(d).append(')');
        }
        String allocate = """

                  subroutine %1$s_allocate(gatun_a, gatun_shape) bind(C, name="%1$s_allocate")
                %2$s%3$s%4$s%5$s%6$s    allocate(gatun_o%%%7$s(%8$s))
                  end subroutine %1$s_allocate
                """.formatted(sym, use, object, shape.formatted("in"), associate,
                c.pointer() ? "" : "    if (allocated(gatun_o%" + n + ")) deallocate(gatun_o%" + n + ")\n", n, bounds);
        String deallocate = c.pointer() ? "" : """

                  subroutine %1$s_deallocate(gatun_a) bind(C, name="%1$s_deallocate")
                %2$s%3$s%4$s    if (allocated(gatun_o%%%5$s)) deallocate(gatun_o%%%5$s)
                  end subroutine %1$s_deallocate
                """.formatted(sym, use, object, associate, n);
        return GlobalShimBuilder.addressFunction(sym, "gatun_a, gatun_shape", use, body, null, c.type(), true) + allocate + deallocate;
    }

    /**
     * An allocatable or pointer scalar of a handle type: the address function returns its address (null when it is not
     * allocated or associated) and writes its dynamic type's tag, found by {@code select type} for a {@code class(t)}
     * component; {@code _allocate} allocates it with the dynamic type a tag names ({@code allocate(circle :: o%s)}).
     */
    private static String dynamicComponent(Type.Derived t, Type.Component c, Type.Derived d, TypeHierarchy hierarchy,
                                           Map<String, String> modules) {
        String sym = componentSymbol(t, c);
        String n = c.name().toLowerCase(Locale.ROOT);
        var uses = new TreeMap<String, TreeSet<String>>();
        uses.computeIfAbsent(t.module().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(t.name().toLowerCase(Locale.ROOT));
        List<Type.Derived> dynamic = d.polymorphic() ? hierarchy.concreteExtensions(hierarchy.definition(d)) : List.of(d);
        for (Type.Derived u : dynamic) {
            String module = modules.getOrDefault(u.name().toLowerCase(Locale.ROOT), u.module());
            uses.computeIfAbsent(module.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(u.name().toLowerCase(Locale.ROOT));
        }
        var use = new StringBuilder();
        uses.forEach((m, names) -> use.append("    use ").append(m).append(", only: ").append(String.join(", ", names)).append('\n'));
        String status = c.pointer() ? "associated" : "allocated";
        var find = new StringBuilder();
        var make = new StringBuilder();
        if (d.polymorphic()) {
            // c_loc takes no polymorphic object: each dynamic type is named by 'type is'.
            find.append("      select type (gatun_v => gatun_o%").append(n).append(")\n");
            make.append("    select case (gatun_tag)\n");
            for (Type.Derived u : dynamic) {
                String type = u.name().toLowerCase(Locale.ROOT);
                find.append("      type is (").append(type).append(")\n        gatun_p = c_loc(gatun_v)\n        gatun_tag = ")
                        .append(hierarchy.tag(u)).append('\n');
                make.append("    case (").append(hierarchy.tag(u)).append(")\n      allocate(").append(type).append(" :: gatun_o%").append(n)
                        .append(")\n");
            }
            find.append("      end select\n");
            make.append("    end select\n");
        } else {
            find.append("      gatun_p = c_loc(gatun_o%").append(n).append(")\n      gatun_tag = ").append(hierarchy.tag(d)).append('\n');
            make.append("    allocate(gatun_o%").append(n).append(")\n");
        }
        String object = "    type(c_ptr), value :: gatun_a\n    type(" + t.name().toLowerCase(Locale.ROOT) + "), pointer :: gatun_o\n";
        String deallocate = c.pointer() ? "" : """

                  subroutine %1$s_deallocate(gatun_a) bind(C, name="%1$s_deallocate")
                %2$s%3$s    call c_f_pointer(gatun_a, gatun_o)
                    if (allocated(gatun_o%%%4$s)) deallocate(gatun_o%%%4$s)
                  end subroutine %1$s_deallocate
                """.formatted(sym, use, object, n);
        return """

                  function %1$s(gatun_a, gatun_tag) bind(C, name="%1$s") result(gatun_p)
                %2$s%3$s    integer(c_int), intent(out) :: gatun_tag
                    type(c_ptr) :: gatun_p
                    call c_f_pointer(gatun_a, gatun_o)
                    gatun_p = c_null_ptr
                    gatun_tag = 0
                    if (%4$s(gatun_o%%%5$s)) then
                %6$s    end if
                  end function %1$s

                  subroutine %1$s_allocate(gatun_a, gatun_tag) bind(C, name="%1$s_allocate")
                %2$s%3$s    integer(c_int), value :: gatun_tag
                    call c_f_pointer(gatun_a, gatun_o)
                %7$s%8$s  end subroutine %1$s_allocate
                %9$s""".formatted(sym, use, object, status, n, find, c.pointer() ? "" : "    if (allocated(gatun_o%" + n + ")) deallocate(gatun_o%"
                + n + ")\n", make, deallocate);
    }
}
