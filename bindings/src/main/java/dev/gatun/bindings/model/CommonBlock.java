// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * A Fortran {@code COMMON} block as one program unit declares it: the block's name and its members
 * in storage order, each with the type and dimensions that unit gives it (from its type
 * declarations, {@code DIMENSION} statements, the {@code COMMON} statement itself, or implicit
 * typing). Every unit that names the block is recorded; they normally agree, and an emitter may
 * declare the block once from any of them.
 *
 * <p>The parser records only blocks whose members all have a bindable type; a block with a member
 * it cannot type (a derived type, {@code real*16}) is skipped with a warning naming the member.
 *
 * @param name     the block name in lower case; empty for blank common ({@code COMMON a, b} or {@code COMMON // a})
 * @param scope    the procedure (or {@code block data} unit) whose declaration this is
 * @param module   the module that contains that procedure, if any
 * @param members  the variables in storage order, at least one
 * @param position where the (first) {@code COMMON} statement naming the block in this unit is
 */
public record CommonBlock(String name, String scope, java.util.Optional<String> module, List<Member> members, SourcePosition position) {

    /**
     * One variable of a common block.
     *
     * @param name       the variable name as written
     * @param type       its scalar type, or the element type of an array
     * @param dimensions its dimensions in source order, empty for a scalar; all explicit with constant bounds
     * @param position   where it is named in the {@code COMMON} statement
     */
    public record Member(String name, Type type, List<Dimension> dimensions, SourcePosition position) {
        /** Validates and copies the components. */
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            dimensions = List.copyOf(dimensions);
            Objects.requireNonNull(position, "position");
        }
    }

    /** Validates and copies the components. */
    public CommonBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(module, "module");
        members = List.copyOf(members);
        Objects.requireNonNull(position, "position");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("common block '" + name + "' in '" + scope + "' has no members");
        }
    }

    /** Returns true for blank common. @return whether the block has no name */
    public boolean blank() {
        return name.isEmpty();
    }
}
