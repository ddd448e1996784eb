// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Procedure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parser has collected about one procedure while it reads the declarations; lowered to
 * a {@link Procedure} by {@link DraftLowering} once its {@code end} is reached.
 */
final class ProcedureDraft {

    /** One dummy argument's (or the result's) accumulated declarations. */
    static final class Entity {
        final String name;
        SourcePosition position;
        TypeSpec type;
        List<Dimension> dimensions = List.of();
        final Set<String> intents = new LinkedHashSet<>();
        boolean value;
        boolean optional;
        boolean external;
        String unsupportedAttribute;
        final List<String> depends = new ArrayList<>();
        final List<Expr> checks = new ArrayList<>();
        Expr defaultValue;

        Entity(String name, SourcePosition position) {
            this.name = name;
            this.position = position;
        }
    }

    final String name;
    final Procedure.Kind kind;
    final SourcePosition position;
    final List<String> arguments = new ArrayList<>();
    final Map<String, SourcePosition> argumentPositions = new LinkedHashMap<>();
    final Map<String, Entity> entities = new LinkedHashMap<>();
    final Map<String, ProcedureDraft> interfaces = new LinkedHashMap<>();
    final Map<String, Expr> constants;
    /** The derived types in scope (host, {@code use}d modules, local definitions), by lower-case name. */
    final Map<String, dev.gatun.bindings.model.Type> types = new LinkedHashMap<>();
    final ImplicitRules implicit;
    TypeSpec prefixType;
    String resultName;
    boolean bindC;
    String bindName;
    String module;
    final List<String> skipped = new ArrayList<>();
    /** COMMON blocks by lower-case name ("" for blank common), in the order first named. */
    final Map<String, CommonDraft> commons = new LinkedHashMap<>();

    /** One COMMON block as this procedure's COMMON statements list it (a block may be continued in several). */
    static final class CommonDraft {
        final String name;
        final SourcePosition position;
        final List<CommonMember> members = new ArrayList<>();

        CommonDraft(String name, SourcePosition position) {
            this.name = name;
            this.position = position;
        }
    }

    /**
     * A reference to a dummy procedure that has no interface block, from which its callback signature is
     * inferred: {@code call f(a, n)} (a subroutine) or {@code f(x)} inside an expression (a function).
     *
     * @param subroutine true for {@code call f(...)}
     * @param arguments  the tokens of each actual argument
     * @param directive  true when written on an f2py line ({@code !f2py y = f(y)}), which wins over the body
     * @param position   where the reference is
     */
    record CallSite(boolean subroutine, List<List<Token>> arguments, boolean directive, SourcePosition position) {
    }

    /** The first reference to each dummy or external procedure without an interface block, by name. */
    final Map<String, CallSite> callSites = new LinkedHashMap<>();

    /**
     * f2py {@code intent(callback)} procedures this procedure calls that are not its dummy arguments (the
     * binding defines them; the Java method takes the callback, or, {@code hidden}, a setter holds it), by name.
     */
    final Map<String, ExternalCallback> externalCallbacks = new LinkedHashMap<>();

    /** An external procedure the binding defines so that it calls a Java callback. */
    record ExternalCallback(dev.gatun.bindings.model.Signature signature, boolean hidden, SourcePosition position) {
    }

    /** A member as named in a COMMON statement: {@code dimensions} is null unless written there ({@code common /b/ a(10)}). */
    record CommonMember(String name, List<Dimension> dimensions, SourcePosition position) {
    }

    ProcedureDraft(String name, Procedure.Kind kind, SourcePosition position, Map<String, Expr> constants, ImplicitRules implicit) {
        this.name = name;
        this.kind = kind;
        this.position = position;
        this.constants = new LinkedHashMap<>(constants);
        this.implicit = implicit.copy();
    }

    Entity entity(String entityName, SourcePosition where) {
        return entities.computeIfAbsent(entityName, n -> new Entity(n, where));
    }

    String resultVariable() {
        return resultName != null ? resultName : name;
    }
}
