// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded mutator over text and bytes, in the spirit of AFL's havoc stage: each case applies a few
 * random edits to one seed (byte flips, deletions, duplicated or spliced chunks, and tokens that parsers
 * stumble on: unbalanced brackets, huge numbers, deep nesting, Latin-1 bytes, directive keywords). The
 * same seed and sequence number always give the same case, so a failure is reproducible from its number.
 */
final class Mutator {

    /** Tokens that exercise the corners of Fortran, C, directives and .npy headers. */
    private static final List<String> TOKENS = List.of(
            "(", ")", "((", "))", "[", "]", "{", "}", ",", ";", ":", "::", "*", "**", "&", "&&", "'", "\"", "!", "\n",
            "\r\n", "\t", " ", "#", "#line 4294967295\n", "#define C 'x\n", "/*", "*/", "//", "\\\n",
            "99999999999999999999", "-9223372036854775808", "4294967296", "0x7fffffff", "1e999", "-0", "2147483648",
            "intent(in)", "intent(out)", "intent(inout)", "intent(hide)", "dimension(", "depend(", "check(", "shape(",
            "size(", "len(", "order(fortran)", "device", "!f2py ", "gatun: ", "cf2py ", "optional", "external",
            "real(8)", "integer", "character(*)", "complex(4)", "logical", "type(", "end", "end subroutine",
            "subroutine s(n, n)\n", "function", "module", "contains", "bind(C)", "void", "int", "double", "const",
            "struct", "union", "enum", "typedef", "(*", "[]", "...", "__attribute__((", "\u00e9", "\u00ff",
            "'descr': '<f8'", "'fortran_order': True", "'shape': (", "{'descr':", "}", "\u0000", "a((*))");

    private final SplittableRandom random;

    Mutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One case: a few edits of {@code seed}, sometimes spliced with {@code other}. */
    String mutate(String seed, String other) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(random.nextInt(8) + 1);
        for (int i = 0; i < edits; i++) {
            int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(10)) {
                case 0, 1 -> s.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 2 -> { // delete a span
                    int end = Math.min(s.length(), at + 1 + random.nextInt(16));
                    s.delete(Math.min(at, end), end);
                }
                case 3 -> { // replace one character by a random one, mostly printable
                    if (at < s.length()) {
                        s.setCharAt(at, random.nextInt(4) == 0 ? (char) random.nextInt(256) : (char) (32 + random.nextInt(95)));
                    }
                }
                case 4 -> { // duplicate a chunk, sometimes many times (deep nesting, long lines)
                    int end = Math.min(s.length(), at + 1 + random.nextInt(24));
                    String chunk = s.substring(Math.min(at, end), end);
                    int times = random.nextInt(6) == 0 ? 500 + random.nextInt(3000) : 1 + random.nextInt(3);
                    s.insert(at, chunk.repeat(times));
                }
                case 5 -> { // splice: a piece of another seed
                    if (!other.isEmpty()) {
                        int from = random.nextInt(other.length());
                        int end = Math.min(other.length(), from + 1 + random.nextInt(200));
                        s.insert(at, other, from, end);
                    }
                }
                case 6 -> { // a number made extreme
                    int digit = indexOfDigit(s, at);
                    if (digit >= 0) {
                        s.insert(digit, random.nextBoolean() ? "9999999999" : "-");
                    }
                }
                case 7 -> s.insert(at, "(".repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 8)));
                case 8 -> { // drop a whole line
                    int start = s.lastIndexOf("\n", Math.max(0, at - 1));
                    int end = s.indexOf("\n", at);
                    if (end > start && start >= 0) {
                        s.delete(start, end);
                    }
                }
                default -> s.insert(at, TOKENS.get(random.nextInt(TOKENS.size())).toUpperCase(java.util.Locale.ROOT));
            }
            if (s.length() > 400_000) {
                s.setLength(400_000);
            }
        }
        return s.toString();
    }

    /** Byte-level edits for binary inputs; {@code hot} bytes at the start get most of them. */
    byte[] mutate(byte[] seed, int hot) {
        String text = new String(seed, StandardCharsets.ISO_8859_1);
        int cut = Math.min(text.length(), Math.max(1, hot));
        String head = mutate(text.substring(0, cut), "");
        if (random.nextInt(4) == 0 && cut > 10) { // flip a header length or version byte
            StringBuilder h = new StringBuilder(head);
            int at = random.nextInt(Math.min(10, h.length()));
            h.setCharAt(at, (char) random.nextInt(256));
            head = h.toString();
        }
        String tail = text.substring(cut);
        if (random.nextInt(3) == 0 && !tail.isEmpty()) {
            tail = tail.substring(0, random.nextInt(tail.length()));
        }
        return (head + tail).getBytes(StandardCharsets.ISO_8859_1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static int indexOfDigit(CharSequence s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
