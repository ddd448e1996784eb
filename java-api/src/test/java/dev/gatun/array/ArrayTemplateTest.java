// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed array classes are one template per kind ({@code src/main/templates/RealArray.java.template},
 * {@code ComplexArray.java.template}) expanded with one row per element type: this table. The expanded
 * classes are checked in (so the API reads as plain Java and costs nothing at run time); this test expands
 * the templates again and fails when a checked-in class differs. After editing a template or adding a row:
 * {@code ./mvnw -B -q -pl java-api verify -Dtest=ArrayTemplateTest -Dgatun.arrays.update=true}.
 */
class ArrayTemplateTest {

    private static final boolean UPDATE = Boolean.getBoolean("gatun.arrays.update");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\w+)\\$");

    /** One element type: the class it gets and the words its template needs. */
    record Row(String template, String cls, Map<String, String> words) {
        @Override
        public String toString() {
            return cls;
        }
    }

    private static Row real(String cls, String type, String boxed, String elementType, String layout, String layoutConstant,
            String bitsField, String readSwapped, String writeSwapped, int bytes, String sample, String ctype, String ftype,
            String numpy) {
        return new Row("RealArray", cls, Map.ofEntries(Map.entry("Class", cls), Map.entry("type", type), Map.entry("Boxed", boxed),
                Map.entry("TYPE", elementType), Map.entry("Layout", layout), Map.entry("LAYOUT", layoutConstant),
                Map.entry("bitsField", bitsField), Map.entry("readSwapped", readSwapped),
                Map.entry("writeSwapped", writeSwapped), Map.entry("bytes", Integer.toString(bytes)),
                Map.entry("sample", sample), Map.entry("ctype", ctype), Map.entry("ftype", ftype), Map.entry("numpy", numpy)));
    }

    private static Row complex(String cls, String type, String boxed, String elementType, String precision, String bitsLayout,
            String fromBits, String toBits, String narrow, int bytes, String ctype, String ftype, String numpy) {
        String upper = type.toUpperCase(java.util.Locale.ROOT);
        return new Row("ComplexArray", cls, Map.ofEntries(Map.entry("Class", cls), Map.entry("type", type),
                Map.entry("Boxed", boxed), Map.entry("TYPE", elementType), Map.entry("precision", precision),
                Map.entry("Layout", "Of" + boxed), Map.entry("LAYOUT", "JAVA_" + upper + "_UNALIGNED"),
                Map.entry("BitsLayout", "Of" + bitsLayout), Map.entry("BITS", "JAVA_" + bitsLayout.toUpperCase(java.util.Locale.ROOT)
                        .replace("INTEGER", "INT") + "_UNALIGNED"),
                Map.entry("fromBits", fromBits + "(segment.get(BITS, byteOffset)))"),
                Map.entry("reBits", toBits + "(re))"), Map.entry("imBits", toBits + "(im))"), Map.entry("narrow", narrow),
                Map.entry("bytes", Integer.toString(bytes)), Map.entry("ctype", ctype), Map.entry("ftype", ftype),
                Map.entry("numpy", numpy)));
    }

    /** The element-type table. Logical kinds share the integer class of their size. */
    static List<Row> rows() {
        return List.of(
                real("DoubleArray", "double", "Double", "DOUBLE", "OfDouble", "JAVA_DOUBLE_UNALIGNED",
                        "    private static final ValueLayout.OfLong BITS = ValueLayout.JAVA_LONG_UNALIGNED;\n",
                        "Double.longBitsToDouble(Long.reverseBytes(segment.get(BITS, byteOffset)))",
                        "BITS, byteOffset, Long.reverseBytes(Double.doubleToRawLongBits(v))", 8, "1.5", "double", "real(8)",
                        "float64"),
                real("FloatArray", "float", "Float", "FLOAT", "OfFloat", "JAVA_FLOAT_UNALIGNED",
                        "    private static final ValueLayout.OfInt BITS = ValueLayout.JAVA_INT_UNALIGNED;\n",
                        "Float.intBitsToFloat(Integer.reverseBytes(segment.get(BITS, byteOffset)))",
                        "BITS, byteOffset, Integer.reverseBytes(Float.floatToRawIntBits(v))", 4, "1.5f", "float", "real(4)",
                        "float32"),
                real("LongArray", "long", "Long", "LONG", "OfLong", "JAVA_LONG_UNALIGNED", "",
                        "Long.reverseBytes(segment.get(VALUE, byteOffset))", "VALUE, byteOffset, Long.reverseBytes(v)", 8, "15",
                        "int64_t", "integer(8)} or {@code logical(8)", "int64"),
                real("IntArray", "int", "Integer", "INT", "OfInt", "JAVA_INT_UNALIGNED", "",
                        "Integer.reverseBytes(segment.get(VALUE, byteOffset))", "VALUE, byteOffset, Integer.reverseBytes(v)", 4,
                        "15", "int32_t", "integer(4)} or {@code logical(4)", "int32"),
                real("ShortArray", "short", "Short", "INT16", "OfShort", "JAVA_SHORT_UNALIGNED", "",
                        "Short.reverseBytes(segment.get(VALUE, byteOffset))", "VALUE, byteOffset, Short.reverseBytes(v)", 2,
                        "(short) 15", "int16_t", "integer(2)} or {@code logical(2)", "int16"),
                // One byte has no byte order: both branches read and write it as it is.
                real("ByteArray", "byte", "Byte", "INT8", "OfByte", "JAVA_BYTE", "", "segment.get(VALUE, byteOffset)",
                        "VALUE, byteOffset, v", 1, "(byte) 15", "int8_t", "integer(1)} or {@code logical(1)", "int8"),
                complex("ComplexDoubleArray", "double", "Double", "COMPLEX_DOUBLE", "double-precision", "Long",
                        "Double.longBitsToDouble(Long.reverseBytes", "Long.reverseBytes(Double.doubleToRawLongBits", "", 16,
                        "double _Complex", "complex(8)", "complex128"),
                complex("ComplexFloatArray", "float", "Float", "COMPLEX_FLOAT", "single-precision", "Int",
                        "Float.intBitsToFloat(Integer.reverseBytes", "Integer.reverseBytes(Float.floatToRawIntBits",
                        "(float) ", 8, "float _Complex", "complex(4)", "complex64"));
    }

    static String expand(Row row) throws IOException {
        String template = Files.readString(Path.of("src/main/templates", row.template() + ".java.template"), StandardCharsets.UTF_8);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder("// SPDX-License-Identifier: Apache-2.0\n// Generated from src/main/templates/" + row.template()
                + ".java.template by ArrayTemplateTest. Do not edit: change the template or the row.\n");
        while (m.find()) {
            String word = row.words().get(m.group(1));
            if (word == null) {
                throw new IllegalStateException(row.cls() + ": no word for " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        m.appendTail(out);
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void checkedInClassIsTheExpandedTemplate(Row row) throws IOException {
        Path file = Path.of("src/main/java/dev/gatun/array", row.cls() + ".java");
        String expected = expand(row);
        if (UPDATE) {
            assertFalse(System.getenv("CI") != null, "generated array classes must not be rewritten on CI");
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, row.cls() + " differs from its template; rerun with -Dgatun.arrays.update=true");
    }
}
