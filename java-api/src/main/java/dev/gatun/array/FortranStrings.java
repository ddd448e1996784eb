// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Java strings as Fortran {@code character} storage: fixed-length, blank-padded bytes without a
 * terminating NUL, in memory from the call's arena (never the thread stack, so a string of any size
 * can be passed).
 *
 * <p>Generated bindings use these methods for {@code character} arguments and results. A Java string
 * is encoded as UTF-8; a declared length counts bytes, as Fortran's {@code len} does. A shorter string
 * is padded with blanks and a longer one is cut to the declared length, which is what Fortran's
 * character assignment does. Strings read back lose their trailing blanks (the padding).
 * {@snippet :
 * MemorySegment s = FortranStrings.copyIn(arena, "name", "ab", 5); // "ab   ", 5 bytes
 * String back = FortranStrings.read(s, 0, 5);                      // "ab"
 * }
 */
public final class FortranStrings {

    /** Returned as the length of an assumed-length ({@code len=*}) string: take the value's own length. */
    public static final long ASSUMED = -1;

    private static final byte BLANK = ' ';

    private FortranStrings() {
    }

    /**
     * Returns the number of bytes {@code value} takes in UTF-8, the length of a {@code character(len=*)}
     * argument.
     *
     * @param value the string
     * @return its encoded length
     */
    public static long length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Returns the longest UTF-8 length among the elements, at least 1: the element length of a
     * {@code character(len=*)} array argument.
     *
     * @param parameter the parameter name for messages
     * @param values    the elements, none null
     * @return the element length
     * @throws IllegalArgumentException if an element is null
     */
    public static long length(String parameter, String[] values) {
        Objects.requireNonNull(values, parameter);
        long max = 1;
        for (int i = 0; i < values.length; i++) {
            max = Math.max(max, length(element(parameter, values, i)));
        }
        return max;
    }

    /**
     * Copies a string into fresh memory of exactly {@code length} bytes, blank-padded or cut.
     *
     * @param arena     where the memory comes from
     * @param parameter the parameter name for messages
     * @param value     the string
     * @param length    the declared length in bytes, or {@link #ASSUMED} for the string's own length
     * @return the segment (one byte for a zero length, so its address is valid)
     * @throws IllegalArgumentException if {@code length} is negative (other than {@link #ASSUMED})
     */
    public static MemorySegment copyIn(Arena arena, String parameter, String value, long length) {
        Objects.requireNonNull(value, parameter);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long n = length == ASSUMED ? bytes.length : checkedLength(parameter, length);
        MemorySegment s = arena.allocate(Math.max(1, n));
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, (int) Math.min(n, bytes.length));
        if (n > bytes.length) {
            s.asSlice(bytes.length, n - bytes.length).fill(BLANK);
        }
        return s;
    }

    /**
     * Returns fresh memory of {@code length} blanks, for an {@code intent(out)} string or result.
     *
     * @param arena     where the memory comes from
     * @param parameter the parameter name for messages
     * @param length    the declared length in bytes
     * @return the segment
     */
    public static MemorySegment blank(Arena arena, String parameter, long length) {
        MemorySegment s = arena.allocate(Math.max(1, checkedLength(parameter, length)));
        s.fill(BLANK);
        return s;
    }

    /**
     * Copies an array of strings into fresh memory, element after element, each {@code length} bytes,
     * blank-padded or cut: Fortran's layout of a {@code character(len=length)} array.
     *
     * @param arena     where the memory comes from
     * @param parameter the parameter name for messages
     * @param values    the elements, none null
     * @param length    the element length in bytes
     * @return the segment of {@code values.length * length} bytes (at least one)
     * @throws IllegalArgumentException if an element is null or the length is negative
     */
    public static MemorySegment copyIn(Arena arena, String parameter, String[] values, long length) {
        Objects.requireNonNull(values, parameter);
        long n = checkedLength(parameter, length);
        MemorySegment s = arena.allocate(Math.max(1, Math.multiplyExact(n, (long) values.length)));
        s.fill(BLANK);
        for (int i = 0; i < values.length; i++) {
            byte[] bytes = element(parameter, values, i).getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, i * n, (int) Math.min(n, bytes.length));
        }
        return s;
    }

    /**
     * Reads {@code length} bytes at {@code offset} as a string without its trailing blanks.
     *
     * @param segment the memory
     * @param offset  the first byte
     * @param length  how many bytes
     * @return the string
     */
    public static String read(MemorySegment segment, long offset, long length) {
        byte[] bytes = segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == BLANK) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Compares two strings as Fortran (and f2py's C for a {@code character} scalar) does: the shorter one is
     * padded with blanks, then characters are compared by code, so {@code "a"} equals {@code "a  "}.
     *
     * @param a the left operand
     * @param b the right operand
     * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
     * @throws NullPointerException naming the operand when one is null
     */
    public static int compare(String a, String b) {
        Objects.requireNonNull(a, "left operand");
        Objects.requireNonNull(b, "right operand");
        int n = Math.max(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = i < a.length() ? a.charAt(i) : ' ';
            char y = i < b.length() ? b.charAt(i) : ' ';
            if (x != y) {
                return Character.compare(x, y);
            }
        }
        return 0;
    }

    /**
     * Writes a string into {@code length} bytes at {@code offset}, blank-padded or cut: Fortran's
     * assignment to a {@code character(len=length)} variable.
     *
     * @param segment the memory
     * @param offset  the first byte
     * @param length  the variable's length in bytes
     * @param value   the string
     */
    public static void write(MemorySegment segment, long offset, long length, String value) {
        Objects.requireNonNull(value, "value");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        MemorySegment target = segment.asSlice(offset, length);
        target.fill(BLANK);
        MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, 0, (int) Math.min(length, bytes.length));
    }

    /**
     * Reads back the elements of a string array written by native code into {@code values}.
     *
     * @param segment the memory from {@link #copyIn(Arena, String, String[], long)}
     * @param length  the element length in bytes
     * @param values  replaced element by element
     */
    public static void readInto(MemorySegment segment, long length, String[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = read(segment, i * length, length);
        }
    }

    /**
     * Checks that an array of strings has at least {@code expected} elements.
     *
     * @param parameter the parameter name for messages
     * @param values    the array
     * @param expected  the declared element count
     * @param declared  the declaration, for the message
     * @throws IllegalArgumentException if it has fewer
     */
    public static void requireCount(String parameter, String[] values, long expected, String declared) {
        Objects.requireNonNull(values, parameter);
        if (values.length < expected) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected length >= " + expected + " (" + declared
                    + "), got " + values.length);
        }
    }

    // ---- rank-2 arrays of strings: values[i][j] is element (i+1, j+1), laid out in Fortran (column-major) order ----

    /**
     * Returns the second extent of a rank-2 array of strings, checking that it is rectangular.
     *
     * @param parameter the parameter name for messages
     * @param values    the rows, none null, all of one length
     * @return the length of every row, 0 when there are no rows
     * @throws IllegalArgumentException if a row is null or rows differ in length
     */
    public static long columns(String parameter, String[][] values) {
        Objects.requireNonNull(values, parameter);
        if (values.length == 0) {
            return 0;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("parameter '" + parameter + "': row " + i + " is null");
            }
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException("parameter '" + parameter + "': expected rows of one length, row 0 has "
                        + values[0].length + " elements, row " + i + " has " + values[i].length);
            }
        }
        return values[0].length;
    }

    /**
     * Returns the longest UTF-8 length among the elements of a rank-2 array, at least 1: the element length of
     * a {@code character(len=*)} argument.
     *
     * @param parameter the parameter name for messages
     * @param values    the rows, rectangular, no element null
     * @return the element length
     * @throws IllegalArgumentException if the array is not rectangular or an element is null
     */
    public static long length(String parameter, String[][] values) {
        return length(parameter, columnMajor(parameter, values));
    }

    /**
     * Copies a rank-2 array of strings into fresh memory in Fortran order, each element {@code length} bytes,
     * blank-padded or cut: the layout of a {@code character(len=length) :: c(m, n)} array.
     *
     * @param arena     where the memory comes from
     * @param parameter the parameter name for messages
     * @param values    the rows, rectangular, no element null
     * @param length    the element length in bytes
     * @return the segment (at least one byte)
     * @throws IllegalArgumentException if the array is not rectangular, an element is null or the length is negative
     */
    public static MemorySegment copyIn(Arena arena, String parameter, String[][] values, long length) {
        return copyIn(arena, parameter, columnMajor(parameter, values), length);
    }

    /**
     * Reads back the elements of a rank-2 string array written by native code into {@code values}.
     *
     * @param segment the memory from {@link #copyIn(Arena, String, String[][], long)}
     * @param length  the element length in bytes
     * @param values  replaced element by element
     */
    public static void readInto(MemorySegment segment, long length, String[][] values) {
        int rows = values.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = read(segment, ((long) j * rows + i) * length, length);
            }
        }
    }

    /**
     * Returns an array of empty strings: an intent(out) array of strings that a binding allocates and returns.
     *
     * @param parameter the parameter name for messages
     * @param count     the number of elements
     * @return {@code count} empty strings
     * @throws IllegalArgumentException if {@code count} is negative or too large for a Java array
     */
    public static String[] blanks(String parameter, long count) {
        String[] values = new String[elements(parameter, count)];
        Arrays.fill(values, "");
        return values;
    }

    /**
     * Returns a rank-2 array of empty strings: an intent(out) array a binding allocates and returns.
     *
     * @param parameter the parameter name for messages
     * @param rows      the first extent
     * @param columns   the second extent
     * @return {@code rows} rows of {@code columns} empty strings
     * @throws IllegalArgumentException if an extent is negative or too large for a Java array
     */
    public static String[][] blanks(String parameter, long rows, long columns) {
        String[][] values = new String[elements(parameter, rows)][];
        for (int i = 0; i < values.length; i++) {
            values[i] = blanks(parameter, columns);
        }
        return values;
    }

    private static int elements(String parameter, long count) {
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected an extent from 0 to " + (Integer.MAX_VALUE - 8)
                    + " for a String array, got " + count);
        }
        return (int) count;
    }

    private static String[] columnMajor(String parameter, String[][] values) {
        int columns = Math.toIntExact(columns(parameter, values));
        String[] flat = new String[Math.multiplyExact(values.length, columns)];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < columns; j++) {
                flat[j * values.length + i] = values[i][j];
            }
        }
        return flat;
    }

    private static String element(String parameter, String[] values, int i) {
        String v = values[i];
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + parameter + "': element " + i + " is null; expected a string in "
                    + Arrays.toString(Arrays.copyOf(values, Math.min(values.length, 4))).replace("]", values.length > 4 ? ", ...]" : "]"));
        }
        return v;
    }

    private static long checkedLength(String parameter, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected a character length >= 0, got " + length);
        }
        return length;
    }
}
