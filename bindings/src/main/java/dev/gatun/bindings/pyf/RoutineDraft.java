// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link PyfParser} collected about one routine of a signature file, lowered to a model
 * {@link Procedure} by {@link PyfLowering} once the whole file (and its {@code __user__} callback
 * modules) has been read.
 */
final class RoutineDraft {

    /**
     * A parsed type: the model type, or why it cannot be bound.
     *
     * @param type        the model type, or null
     * @param spelling    the source spelling for messages
     * @param unsupported why it cannot be bound, or null
     */
    record TypeSpec(Type type, String spelling, String unsupported) {
    }

    /** One variable's accumulated declarations: an argument, the result, or an auxiliary. */
    static final class Entity {
        final String name;
        SourcePosition position;
        TypeSpec type;
        List<Dimension> dimensions = List.of();
        final Set<String> intents = new LinkedHashSet<>();
        boolean optional;
        boolean required;
        boolean external;
        boolean value;
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
    final String pythonModule;
    final String fortranModule;
    final List<String> arguments = new ArrayList<>();
    final Map<String, SourcePosition> argumentPositions = new LinkedHashMap<>();
    final Map<String, Entity> entities = new LinkedHashMap<>();
    /** Callback modules named in {@code use}: local routine name to the name in the module (null: all). */
    final Map<String, Map<String, String>> uses = new LinkedHashMap<>();
    TypeSpec prefixType;
    String resultName;
    /** {@code fortranname}: null when absent, empty when written without a name. */
    String fortranName;
    String callStatement;
    SourcePosition callStatementAt;
    String callProtoArgument;
    boolean threadsafe;

    RoutineDraft(String name, Procedure.Kind kind, SourcePosition position, String pythonModule, String fortranModule) {
        this.name = name;
        this.kind = kind;
        this.position = position;
        this.pythonModule = pythonModule;
        this.fortranModule = fortranModule;
    }

    Entity entity(String entityName, SourcePosition where) {
        return entities.computeIfAbsent(entityName.toLowerCase(Locale.ROOT), n -> new Entity(entityName, where));
    }

    Entity find(String entityName) {
        return entities.get(entityName.toLowerCase(Locale.ROOT));
    }

    String resultVariable() {
        return resultName != null ? resultName : name;
    }

    String kindWord() {
        return kind == Procedure.Kind.SUBROUTINE ? "subroutine" : "function";
    }
}
