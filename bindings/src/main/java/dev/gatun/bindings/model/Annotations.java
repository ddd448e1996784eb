// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Notes that passes attach to model elements, so the model itself stays immutable.
 *
 * <p>Keys are compared by identity: two equal {@code Parameter} records of different procedures
 * are different elements. Each note is a small record; an element holds at most one note per
 * record class, and a pass that runs twice replaces its own notes.
 */
public final class Annotations {

    private final Map<Object, Map<Class<?>, Record>> notes = new IdentityHashMap<>();

    /** Creates an empty set of annotations. */
    public Annotations() {
    }

    /**
     * Attaches a note to a model element, replacing an earlier note of the same class.
     *
     * @param element the model element (a procedure, parameter, ...)
     * @param note    the note
     */
    public void put(Object element, Record note) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(note, "note");
        notes.computeIfAbsent(element, k -> new java.util.LinkedHashMap<>()).put(note.getClass(), note);
    }

    /**
     * Returns the note of this class attached to the element, if any.
     *
     * @param element the model element
     * @param kind    the note's record class
     * @param <T>     the note type
     * @return the note, or empty
     */
    public <T extends Record> Optional<T> get(Object element, Class<T> kind) {
        Map<Class<?>, Record> forElement = notes.get(element);
        return forElement == null ? Optional.empty() : Optional.ofNullable(kind.cast(forElement.get(kind)));
    }

    /**
     * Returns the note of this class, failing when a pass that should have run did not.
     *
     * @param element the model element
     * @param kind    the note's record class
     * @param <T>     the note type
     * @return the note
     * @throws IllegalStateException when no such note is attached
     */
    public <T extends Record> T require(Object element, Class<T> kind) {
        return get(element, kind).orElseThrow(() -> new IllegalStateException(
                "no " + kind.getSimpleName() + " on " + element + "; the pass that attaches it did not run"));
    }
}
