// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.CommonBlock;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.ModuleVariable;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import dev.gatun.bindings.pass.Notes;
import java.util.List;
import java.util.Locale;

/**
 * Writes the {@code bind(C)} functions through which Java finds variables with static storage: each
 * returns the address of one {@code COMMON} block member or module variable, so Java reads and writes
 * the Fortran memory in place. The address is taken by a contained function whose dummy has the
 * {@code target} attribute, so the variable itself needs none. Allocatable module arrays also get
 * their shape with the address, and allocate/deallocate functions.
 */
final class GlobalShimBuilder {

    private GlobalShimBuilder() {
    }

    /** The symbol returning the address of a common block member. */
    static String commonSymbol(CommonBlock b, CommonBlock.Member m) {
        return "gatun__c_" + b.name() + "__" + m.name().toLowerCase(Locale.ROOT);
    }

    /** The symbol returning the address (and, when allocatable, the shape) of a module variable. */
    static String variableSymbol(ModuleVariable v) {
        return "gatun__m_" + v.module().toLowerCase(Locale.ROOT) + "__" + v.name().toLowerCase(Locale.ROOT);
    }

    /** The common blocks to bind: the first declaration of each block in the library (units normally agree). */
    static List<CommonBlock> commons(Library library) {
        var first = new java.util.LinkedHashMap<String, CommonBlock>();
        for (Unit u : library.units()) {
            for (CommonBlock b : u.commons()) {
                first.putIfAbsent(b.name(), b);
            }
        }
        return List.copyOf(first.values());
    }

    /** The module variables that get accessors. */
    static List<ModuleVariable> variables(Library library, Annotations notes) {
        return library.units().stream().flatMap(u -> u.variables().stream())
                .filter(v -> notes.get(v, Notes.Unsupported.class).isEmpty()).toList();
    }

    /** The address functions of every bound common block member and module variable. */
    static String all(Library library, Annotations notes) {
        var sb = new StringBuilder();
        for (CommonBlock b : commons(library)) {
            sb.append(common(b, notes));
        }
        for (ModuleVariable v : variables(library, notes)) {
            sb.append(variable(v));
        }
        return sb.toString();
    }

    /** One address function per member of the block, each declaring the whole block as this unit does. */
    static String common(CommonBlock b, Annotations notes) {
        var decls = new StringBuilder();
        for (CommonBlock.Member m : b.members()) {
            decls.append("    ").append(FortranShimEmitter.originalType(m.type())).append(" :: ").append(m.name().toLowerCase(Locale.ROOT))
                    .append(dims(m.dimensions())).append('\n');
        }
        String list = String.join(", ", b.members().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        decls.append("    common /").append(b.name()).append("/ ").append(list).append('\n');
        var sb = new StringBuilder();
        for (CommonBlock.Member m : b.members()) {
            if (notes.get(m, Notes.Unsupported.class).isPresent()) {
                continue;
            }
            sb.append(addressFunction(commonSymbol(b, m), "", "", decls.toString(), m.name().toLowerCase(Locale.ROOT), m.type(),
                    !m.dimensions().isEmpty()));
        }
        return sb.toString();
    }

    /** The address function of a module variable, and for an allocatable array its (de)allocation. */
    static String variable(ModuleVariable v) {
        String sym = variableSymbol(v);
        String n = v.name().toLowerCase(Locale.ROOT);
        String use = "    use " + v.module().toLowerCase(Locale.ROOT) + ", only: " + n + "\n";
        if (!v.allocatable()) {
            return addressFunction(sym, "", use, "", n, v.type(), !v.dimensions().isEmpty());
        }
        int rank = v.dimensions().size();
        String shape = "    integer(c_int64_t), intent(%s) :: gatun_shape(" + rank + ")\n";
        String body = shape.formatted("out") + """
                    gatun_p = c_null_ptr
                    gatun_shape = -1
                    if (allocated(%s)) then
                      gatun_shape = shape(%s, kind=c_int64_t)
                      if (size(%s, kind=c_int64_t) > 0) gatun_p = gatun_loc(%s)
                    end if
                """.formatted(n, n, n, n);
        var bounds = new StringBuilder();
        for (int d = 1; d <= rank; d++) {
            bounds.append(d > 1 ? ", " : "").append("gatun_shape(").append(d).append(')');
        }
        return addressFunction(sym, "gatun_shape", use, body, null, v.type(), true) + """

                  subroutine %s_allocate(gatun_shape) bind(C, name="%s_allocate")
                %s%s    if (allocated(%s)) deallocate(%s)
                    allocate(%s(%s))
                  end subroutine %s_allocate

                  subroutine %s_deallocate() bind(C, name="%s_deallocate")
                %s    if (allocated(%s)) deallocate(%s)
                  end subroutine %s_deallocate
                """.formatted(sym, sym, use, shape.formatted("in"), n, n, n, bounds, sym, sym, sym, use, n, n, sym);
    }

    /**
     * A function returning {@code c_loc} of {@code variable}; with {@code variable} null the body sets
     * {@code gatun_p} itself. Arrays are passed to an assumed-size dummy: contiguous, no copy.
     */
    static String addressFunction(String sym, String dummies, String uses, String body, String variable, Type type, boolean array) {
        String set = variable == null ? "" : "    gatun_p = gatun_loc(" + variable + ")\n";
        return """

                  function %s(%s) bind(C, name="%s") result(gatun_p)
                %s    type(c_ptr) :: gatun_p
                %s%s  contains
                    function gatun_loc(gatun_v) result(gatun_q)
                      %s, target :: gatun_v%s
                      type(c_ptr) :: gatun_q
                      gatun_q = c_loc(gatun_v%s)
                    end function gatun_loc
                  end function %s
                """.formatted(sym, dummies, sym, uses, body, set, FortranShimEmitter.originalType(type), array ? "(*)" : "", array ? "(1)" : "", sym);
    }

    private static String dims(List<Dimension> dimensions) {
        return dimensions.isEmpty() ? "" : "(" + String.join(", ", dimensions.stream().map(Dimension::render).toList()) + ")";
    }
}
