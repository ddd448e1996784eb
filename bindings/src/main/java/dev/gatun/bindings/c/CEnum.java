// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An enum with every enumerator's value resolved.
 *
 * @param name         the tag (synthetic {@code <anonymous ...>} when the header gave none)
 * @param enumerators  the constants in declaration order
 * @param position     where it was declared
 * @param fromUserFile whether a file the user named declared it
 */
public record CEnum(String name, List<Enumerator> enumerators, SourcePosition position, boolean fromUserFile)
        implements CDeclaration {

    /** Validates and copies the components. */
    public CEnum {
        Objects.requireNonNull(name, "name");
        enumerators = List.copyOf(enumerators);
        Objects.requireNonNull(position, "position");
    }

    /** Returns the type that refers to this enum. */
    public CType.Tagged type() {
        return new CType.Tagged(CType.TagKind.ENUM, name);
    }

    /**
     * Returns the value of the named enumerator.
     *
     * @param enumerator the constant's name
     * @return its value, or empty when this enum has no such constant
     */
    public OptionalLong value(String enumerator) {
        return enumerators.stream().filter(e -> e.name().equals(enumerator))
                .mapToLong(Enumerator::value).findFirst();
    }

    /**
     * Returns the integer type GCC gives this enum: {@code unsigned int} when no value is negative and
     * all fit, {@code int} when some are negative, else the 64-bit kinds.
     */
    public CType.IntKind underlyingKind() {
        long min = enumerators.stream().mapToLong(Enumerator::value).min().orElse(0);
        long max = enumerators.stream().mapToLong(Enumerator::value).max().orElse(0);
        if (min >= 0) {
            return max <= 0xFFFF_FFFFL ? CType.IntKind.UNSIGNED_INT : CType.IntKind.UNSIGNED_LONG;
        }
        return min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? CType.IntKind.INT : CType.IntKind.LONG;
    }

    /**
     * One enumeration constant.
     *
     * @param name     its name
     * @param value    its value
     * @param position where it was declared
     */
    public record Enumerator(String name, long value, SourcePosition position) {
        /** Validates the components. */
        public Enumerator {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(position, "position");
        }
    }
}
