// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file: parsing the Python dict literal NumPy writes, and writing one
 * byte for byte as NumPy does (padded so the data starts at a multiple of 64).
 *
 * @param type      the element type the data is read as (the storage type of {@code dtype})
 * @param dtype     the NumPy type code without byte order, for example {@code "u4"}
 * @param byteOrder the byte order of the data
 * @param fortran   whether the data is in Fortran order
 * @param shape     the extents
 */
record NpyHeader(ElementType type, String dtype, ByteOrder byteOrder, boolean fortran, long[] shape) {

    /**
     * Every NumPy type code Gatun reads, with the element type its data is viewed as. The element
     * types' own codes map to themselves; the others have no Java counterpart of their own and are
     * viewed, bits unchanged, as the signed type of the same width (Java's own convention for
     * unsigned numbers: {@link Integer#toUnsignedLong}, ...), {@code f2} as the IEEE binary16 bits
     * that {@link Float#float16ToFloat} converts.
     */
    static final Map<String, ElementType> DTYPES = dtypes();

    private static Map<String, ElementType> dtypes() {
        Map<String, ElementType> table = new LinkedHashMap<>();
        for (ElementType type : ElementType.values()) {
            table.put(type.npyTypeCode(), type);
        }
        table.put("b1", ElementType.INT8);
        table.put("u1", ElementType.INT8);
        table.put("u2", ElementType.INT16);
        table.put("u4", ElementType.INT);
        table.put("u8", ElementType.LONG);
        table.put("f2", ElementType.INT16);
        return Map.copyOf(table);
    }

    /** The names in messages: every code Gatun reads, in a stable order. */
    static final String READABLE = "f8, f4, f2, i8, i4, i2, i1, u8, u4, u2, u1, b1, c16 and c8";

    NpyHeader(ElementType type, ByteOrder byteOrder, boolean fortran, long[] shape) {
        this(type, type.npyTypeCode(), byteOrder, fortran, shape);
    }

    /**
     * The header of {@code array} saved as {@code dtype}, checked to have the array's element width.
     *
     * @throws IllegalArgumentException if Gatun does not know {@code dtype} or its elements are not
     *                                  stored as the array's element type
     */
    static NpyHeader forArray(NdArray array, String dtype, boolean fortran) {
        String code = dtype.startsWith("<") || dtype.startsWith(">") || dtype.startsWith("|")
                || dtype.startsWith("=") ? dtype.substring(1) : dtype;
        ElementType storage = DTYPES.get(code);
        if (storage == null) {
            throw new IllegalArgumentException("dtype '" + dtype + "' is not one Gatun writes; expected one of "
                    + READABLE);
        }
        if (storage != array.elementType()) {
            throw new IllegalArgumentException("dtype '" + dtype + "' is stored as " + storage.displayName()
                    + " elements, but the array holds " + array.elementType().displayName()
                    + " elements; pass a " + storage.displayName() + " array");
        }
        return new NpyHeader(storage, code, array.byteOrder(), fortran, array.shape());
    }

    /** {@return the type string with its byte-order mark, as NumPy writes it: {@code "<u4"}, {@code "|u1"}} */
    String descr() {
        if (type.byteSize() == 1) {
            return "|" + dtype; // NumPy's mark for "byte order not applicable"
        }
        return (byteOrder == ByteOrder.BIG_ENDIAN ? ">" : "<") + dtype;
    }

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** NumPy pads the header so the data is aligned for any dtype and for SIMD loads. */
    static final int DATA_ALIGNMENT = 64;

    /** NumPy leaves room for a 21-digit extent on the axis an append would grow. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    // ---- parsing ---------------------------------------------------------------------------

    /** Parses the dictionary text of a header (after the preamble). */
    static NpyHeader parse(Path file, String text) throws NpyFormatException {
        Map<String, Object> dict = new DictParser(file, text).parse();
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(file, "header has no '" + key + "' key: " + text.strip());
            }
        }
        if (dict.size() != 3) {
            dict.keySet().removeAll(List.of("descr", "fortran_order", "shape"));
            throw new NpyFormatException(file, "header has unexpected keys " + dict.keySet());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new NpyFormatException(file, "unsupported dtype " + dict.get("descr")
                    + ": only simple dtypes are read, not structured ones");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(file, "'fortran_order' must be True or False, got "
                    + dict.get("fortran_order"));
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new NpyFormatException(file, "'shape' must be a tuple of integers, got " + dict.get("shape"));
        }
        ByteOrder order = switch (descr.isEmpty() ? ' ' : descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            // '|' (byte order not applicable) and '=' (native) mean native order, as in numpy.dtype.
            case '|', '=' -> ByteOrder.nativeOrder();
            default -> null;
        };
        String code = order == null ? descr : descr.substring(1);
        ElementType type = DTYPES.get(code);
        if (type == null) {
            throw new NpyFormatException(file, "unsupported dtype '" + descr + "'; Gatun reads " + READABLE
                    + " in either byte order ('<' or '>')");
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new NpyFormatException(file, "negative extent " + shape[d] + " in dimension " + d
                        + " of shape " + Layout.format(shape));
            }
        }
        return new NpyHeader(type, code, order == null ? ByteOrder.nativeOrder() : order, fortran, shape);
    }

    /** Number of data bytes the shape needs; refuses shapes whose size overflows. */
    long dataBytes(Path file) throws NpyFormatException {
        try {
            long size = 1;
            for (long extent : shape) {
                size = Math.multiplyExact(size, extent);
            }
            return Math.multiplyExact(size, type.byteSize());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(file, "shape " + Layout.format(shape) + " of " + dtype
                    + " overflows: more than " + Long.MAX_VALUE + " bytes");
        }
    }

    static String decode(Path file, byte[] bytes, int major) throws NpyFormatException {
        // Versions 1.0 and 2.0 store latin-1 text, 3.0 utf-8; reject bad utf-8 instead of guessing.
        if (major < 3) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(file, "header of a version 3.0 file is not valid UTF-8");
        }
    }

    // ---- writing ---------------------------------------------------------------------------

    /**
     * The dict text exactly as NumPy's {@code numpy.lib.format} writes it, before padding:
     * sorted keys, Python reprs, then spare spaces so the growth axis can be rewritten in place.
     */
    String dictText() {
        String dict = "{'descr': '" + descr() + "', 'fortran_order': "
                + (fortran ? "True" : "False") + ", 'shape': " + Layout.format(shape) + ", }";
        if (shape.length == 0) {
            return dict;
        }
        long growthExtent = shape[fortran ? shape.length - 1 : 0];
        return dict + " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growthExtent).length()));
    }

    /** Magic, version, length and padded header; the data follows at a multiple of 64. */
    byte[] encode(int major) {
        byte[] dict = dictText().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int preamble = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        // NumPy's rule: 1 to 64 spaces, then a newline, so the data starts at a multiple of 64.
        int padding = DATA_ALIGNMENT - (preamble + dict.length + 1) % DATA_ALIGNMENT;
        int headerLength = dict.length + padding + 1;
        ByteBuffer out = ByteBuffer.allocate(preamble + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) headerLength);
        } else {
            out.putInt(headerLength);
        }
        out.put(dict);
        for (int i = 0; i < padding; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /** The list a structured dtype is written as; kept only to name it in the message. */
    private record StructuredDtype(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Reads the subset of Python literals NumPy writes: strings, booleans, integer tuples. */
    private static final class DictParser {
        private final Path file;
        private final String text;
        private int pos;

        DictParser(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        Map<String, Object> parse() throws NpyFormatException {
            Map<String, Object> dict = new HashMap<>();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String key = string();
                expect(':');
                Object value = value();
                if (dict.put(key, value) != null) {
                    throw error("duplicate key '" + key + "'");
                }
                skipSpace();
                char next = peek();
                if (next == ',') {
                    pos++;
                } else if (next != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            skipSpace();
            if (pos != text.length()) {
                throw error("unexpected text after the dictionary");
            }
            return dict;
        }

        private Object value() throws NpyFormatException {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '[') {
                // Structured dtypes are lists of fields; report them by name instead of a syntax error.
                int start = pos;
                int close = text.indexOf(']', pos);
                pos = close < 0 ? text.length() : close + 1;
                return new StructuredDtype(text.substring(start, pos));
            }
            throw error("expected a string, True, False or a tuple");
        }

        private long[] tuple() throws NpyFormatException {
            expect('(');
            List<Long> values = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                values.add(integer());
                skipSpace();
                char next = peek();
                if (next == ',') {
                    pos++;
                } else if (next != ')') {
                    throw error("expected ',' or ')' in the shape tuple");
                }
            }
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() throws NpyFormatException {
            int start = pos;
            if (peek() == '-' || peek() == '+') {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            if (pos == digits) {
                throw error("expected an integer");
            }
            String number = text.substring(start, pos);
            if (peek() == 'L') {
                pos++; // Python 2 wrote long integers with a suffix.
            }
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(file, "shape overflows: extent " + number + " is larger than "
                        + Long.MAX_VALUE);
            }
        }

        private String string() throws NpyFormatException {
            skipSpace();
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string");
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }

        private void expect(char c) throws NpyFormatException {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private NpyFormatException error(String problem) {
            String near = text.substring(pos, Math.min(text.length(), pos + 20)).replace("\n", "\\n");
            return new NpyFormatException(file, "bad header dictionary at character " + pos + ": "
                    + problem + (pos < text.length() ? ", found '" + near + "'" : ", found the end of the header"));
        }
    }
}
