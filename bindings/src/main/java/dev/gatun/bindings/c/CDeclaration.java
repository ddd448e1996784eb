// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;

/**
 * One top-level declaration of a preprocessed header.
 *
 * <p>Every declaration knows where it was written and whether that place is one of the files the
 * user named ({@link #fromUserFile()}); declarations from headers those files include (say
 * {@code <stdio.h>} inside {@code mylib.h}) are kept, because user types refer to them, but are not
 * bound by default.
 */
public sealed interface CDeclaration permits CFunction, CTypedef, CStruct, CEnum, CVariable, CMacro {

    /** Returns the declared name (the tag for structs, unions and enums). */
    String name();

    /** Returns where the declaration starts in the original (not preprocessed) source. */
    SourcePosition position();

    /** Returns true when it was written in a file the user named, not in a header that file includes. */
    boolean fromUserFile();
}
