// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the parser has learnt so far in one translation unit: typedef names (C's grammar needs them
 * to tell {@code a * b;} apart), enumeration constants, and the declarations in order, with one
 * slot per tag so that a later definition replaces an opaque forward declaration in place.
 */
final class DeclarationScope implements CLayout.TagResolver {

    final Map<String, CType> typedefs = new HashMap<>();
    final Map<String, Long> constants = new HashMap<>();
    /** Typedefs declared with {@code __attribute__((aligned(n)))}: their alignment. */
    final Map<String, Long> typedefAlignments = new HashMap<>();
    private final List<CDeclaration> declarations = new ArrayList<>();
    private final Map<String, Integer> tagSlots = new HashMap<>();
    private final Map<String, Integer> ordinarySlots = new HashMap<>();
    private int anonymous;

    /** Returns a fresh synthetic tag for an anonymous struct, union or enum. */
    String anonymousTag(CType.TagKind kind, CToken at) {
        return "<anonymous " + kind.keyword() + " #" + (++anonymous) + " at " + at.position() + ">";
    }

    /** Adds or completes a tagged declaration; an existing complete definition wins over a forward one. */
    void defineTag(CDeclaration tagged) {
        Integer slot = tagSlots.get(tagged.name());
        if (slot == null) {
            tagSlots.put(tagged.name(), declarations.size());
            declarations.add(tagged);
        } else if (declarations.get(slot) instanceof CStruct old && !old.complete()) {
            declarations.set(slot, tagged);
        }
    }

    /** Adds an ordinary declaration unless one of that name exists (headers often redeclare). */
    void addOrdinary(CDeclaration d) {
        if (ordinarySlots.putIfAbsent(d.name(), declarations.size()) == null) {
            declarations.add(d);
        }
    }

    List<CDeclaration> declarations() {
        return declarations;
    }

    @Override
    public Optional<CStruct> struct(String tag) {
        Integer slot = tagSlots.get(tag);
        return slot != null && declarations.get(slot) instanceof CStruct s ? Optional.of(s) : Optional.empty();
    }

    @Override
    public Optional<CEnum> enumeration(String tag) {
        Integer slot = tagSlots.get(tag);
        return slot != null && declarations.get(slot) instanceof CEnum e ? Optional.of(e) : Optional.empty();
    }
}
