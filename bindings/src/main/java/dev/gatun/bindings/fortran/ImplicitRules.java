// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import java.util.Arrays;

/**
 * Fortran's implicit typing: names starting with i-n are default integers, others default reals,
 * unless {@code implicit none} or {@code implicit <type> (a-h, o-z)} says otherwise.
 */
final class ImplicitRules {

    private final TypeSpec[] byLetter = new TypeSpec[26];

    ImplicitRules() {
        TypeSpec integer = new TypeSpec(new Type.Scalar(ScalarKind.INT32), "integer", null);
        TypeSpec real = new TypeSpec(new Type.Scalar(ScalarKind.FLOAT), "real", null);
        for (char ch = 'a'; ch <= 'z'; ch++) {
            byLetter[ch - 'a'] = ch >= 'i' && ch <= 'n' ? integer : real;
        }
    }

    private ImplicitRules(TypeSpec[] from) {
        System.arraycopy(from, 0, byLetter, 0, 26);
    }

    ImplicitRules copy() {
        return new ImplicitRules(byLetter);
    }

    /** {@code implicit none}: every name must be declared. */
    void none() {
        Arrays.fill(byLetter, null);
    }

    /** {@code implicit <type> (from-to)}. */
    void set(char from, char to, TypeSpec type) {
        for (char ch = Character.toLowerCase(from); ch <= Character.toLowerCase(to); ch++) {
            byLetter[ch - 'a'] = type;
        }
    }

    /** Returns the implicit type of a name, or null under {@code implicit none}. */
    TypeSpec typeOf(String name) {
        char first = Character.toLowerCase(name.charAt(0));
        return first >= 'a' && first <= 'z' ? byLetter[first - 'a'] : null;
    }
}
