// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A struct or union definition, or a forward declaration of one (opaque: no members known).
 *
 * @param name         the tag (synthetic {@code <anonymous ...>} when the header gave none)
 * @param isUnion      true for {@code union}
 * @param members      the members in declaration order; empty and {@code complete == false} for opaque
 * @param complete     false for a forward declaration that was never defined
 * @param packed       true with {@code __attribute__((packed))}
 * @param alignment    the alignment requested by {@code __attribute__((aligned(n)))}, or 0
 * @param maxFieldAlignment the {@code #pragma pack(n)} in force where it was defined, or 0 for none
 * @param position     where it was declared
 * @param fromUserFile whether a file the user named declared it
 */
public record CStruct(String name, boolean isUnion, List<Member> members, boolean complete, boolean packed,
                      long alignment, long maxFieldAlignment, SourcePosition position, boolean fromUserFile) implements CDeclaration {

    /** Validates and copies the components. */
    public CStruct {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(position, "position");
    }

    /** Returns true when the header gave it no tag (the name is synthetic). */
    public boolean isAnonymousTag() {
        return name.startsWith("<anonymous");
    }

    /** Returns the type that refers to this struct or union. */
    public CType.Tagged type() {
        return new CType.Tagged(isUnion ? CType.TagKind.UNION : CType.TagKind.STRUCT, name);
    }

    /**
     * Returns the named member, looking into anonymous struct/union members only when asked through
     * {@link CLayout}; here only direct members are searched.
     *
     * @param memberName the member name
     * @return the member, or empty
     */
    public Optional<Member> member(String memberName) {
        return members.stream().filter(m -> m.name().equals(memberName)).findFirst();
    }

    /**
     * One member.
     *
     * @param name      the name, or {@code ""} for an anonymous struct/union member or an unnamed bit-field
     * @param type      its type
     * @param bitWidth  the width of a bit-field, empty for ordinary members
     * @param alignment the alignment requested by {@code _Alignas} or {@code aligned(n)}, or 0
     * @param packed    true with {@code __attribute__((packed))} on the member
     * @param position  where it was declared
     */
    public record Member(String name, CType type, OptionalInt bitWidth, long alignment, boolean packed,
                         SourcePosition position) {
        /** Validates the components. */
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(bitWidth, "bitWidth");
            Objects.requireNonNull(position, "position");
        }
    }
}
