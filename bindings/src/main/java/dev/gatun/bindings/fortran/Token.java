// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

/**
 * One token of a Fortran statement.
 *
 * @param kind  what it is
 * @param text  its text; identifiers and dotted operators are lower-cased (Fortran ignores case)
 * @param index where it starts in the statement text, to find its source position
 */
record Token(Kind kind, String text, int index) {

    /** Token kinds. */
    enum Kind {
        /** A name or keyword. */
        NAME,
        /** An integer literal (a kind suffix such as {@code _8} is dropped). */
        INT,
        /** A real literal ({@code 1.0d0}, {@code 2.5e-3}, {@code 1.0_dp}). */
        REAL,
        /** A character literal, quotes removed and doubled quotes undone. */
        STRING,
        /** An operator or punctuation: {@code ( ) , :: : = + - * ** / // == /= < <= > >= % =>} and dotted operators. */
        OP,
        /** The end of the statement. */
        END
    }

    /** Returns true when this token is the operator or name {@code s}. */
    boolean is(String s) {
        return (kind == Kind.OP || kind == Kind.NAME) && text.equals(s);
    }
}
