// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.model.StatusRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything {@link CParser} found in one preprocessed set of headers, in declaration order, with
 * lookups by name.
 *
 * <p>Struct, union and enum declarations appear once, at their first mention; a forward declaration
 * that is later defined shows the definition. Names follow C's namespaces: {@link #struct(String)} and
 * {@link #enumeration(String)} look up tags, the others ordinary identifiers.
 */
public final class CTranslationUnit implements CLayout.TagResolver {

    private final List<CDeclaration> declarations;
    private final Map<String, CDeclaration> ordinary = new HashMap<>();
    private final Map<String, CStruct> structs = new HashMap<>();
    private final Map<String, CEnum> enums = new HashMap<>();
    private final Map<String, CMacro> macros = new HashMap<>();
    private final Map<String, Long> enumerators = new HashMap<>();

    private final List<StatusRule> statusRules;

    CTranslationUnit(List<CDeclaration> declarations) {
        this(declarations, List.of());
    }

    CTranslationUnit(List<CDeclaration> declarations, List<StatusRule> statusRules) {
        this.declarations = List.copyOf(declarations);
        this.statusRules = List.copyOf(statusRules);
        for (CDeclaration d : this.declarations) {
            switch (d) {
                case CStruct s -> structs.put(s.name(), s);
                case CEnum e -> {
                    enums.put(e.name(), e);
                    e.enumerators().forEach(en -> enumerators.put(en.name(), en.value()));
                }
                case CMacro m -> macros.put(m.name(), m);
                default -> ordinary.putIfAbsent(d.name(), d);
            }
        }
    }

    /** Returns the {@code gatun: status(...)} rules written in the headers, in order. @return the rules */
    public List<StatusRule> statusRules() {
        return statusRules;
    }

    /** Returns every declaration, in the order the headers declare them. */
    public List<CDeclaration> declarations() {
        return declarations;
    }

    /** Returns the declarations written in the files the user named (not in headers they include). */
    public List<CDeclaration> userDeclarations() {
        return declarations.stream().filter(CDeclaration::fromUserFile).toList();
    }

    /** Returns the functions, in order. */
    public List<CFunction> functions() {
        return declarations.stream().filter(CFunction.class::isInstance).map(CFunction.class::cast).toList();
    }

    /**
     * Returns the function of that name, following object-like macro aliases: {@code cuMemAlloc} finds
     * {@code cuMemAlloc_v2} when {@code cuda.h} says {@code #define cuMemAlloc cuMemAlloc_v2}.
     *
     * @param name the function name as the API documents it
     * @return the function, or empty
     */
    public Optional<CFunction> function(String name) {
        String n = name;
        for (int hops = 0; hops < 8; hops++) {
            if (ordinary.get(n) instanceof CFunction f) {
                return Optional.of(f);
            }
            CMacro alias = macros.get(n);
            if (alias == null || !alias.replacement().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return Optional.empty();
            }
            n = alias.replacement();
        }
        return Optional.empty();
    }

    /**
     * Returns the typedef of that name.
     *
     * @param name the typedef name
     * @return the typedef, or empty
     */
    public Optional<CTypedef> typedef(String name) {
        return ordinary.get(name) instanceof CTypedef t ? Optional.of(t) : Optional.empty();
    }

    /**
     * Returns the extern variable of that name.
     *
     * @param name the variable name
     * @return the variable, or empty
     */
    public Optional<CVariable> variable(String name) {
        return ordinary.get(name) instanceof CVariable v ? Optional.of(v) : Optional.empty();
    }

    /**
     * Returns the struct or union with that tag (synthetic tags find anonymous ones).
     *
     * @param tag the tag
     * @return the struct, opaque when only forward-declared, or empty
     */
    @Override
    public Optional<CStruct> struct(String tag) {
        return Optional.ofNullable(structs.get(tag));
    }

    /**
     * Returns the struct or union a type names, looking through typedefs and qualifiers.
     *
     * @param type e.g. the type of {@code typedef struct fftw_iodim_do_not_use_me fftw_iodim}
     * @return the struct, or empty when the type is not a struct or union
     */
    public Optional<CStruct> struct(CType type) {
        return type.canonical() instanceof CType.Tagged t && t.kind() != CType.TagKind.ENUM
                ? struct(t.tag()) : Optional.empty();
    }

    /**
     * Returns the enum with that tag.
     *
     * @param tag the tag
     * @return the enum, or empty
     */
    @Override
    public Optional<CEnum> enumeration(String tag) {
        return Optional.ofNullable(enums.get(tag));
    }

    /**
     * Returns the value of an enumeration constant, whatever enum declares it.
     *
     * @param name the constant, e.g. {@code CblasRowMajor}
     * @return its value, or empty
     */
    public OptionalLong enumerator(String name) {
        Long v = enumerators.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /**
     * Returns the object-like macro of that name, as last defined.
     *
     * @param name the macro name
     * @return the macro, or empty
     */
    public Optional<CMacro> macro(String name) {
        return Optional.ofNullable(macros.get(name));
    }
}
