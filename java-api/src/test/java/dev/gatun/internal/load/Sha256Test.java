// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Gatun's own SHA-256 (used to name cache directories without starting the JCA) against the JDK's. */
class Sha256Test {
    @Test
    void knownAnswersFromFips180() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(Sha256.digest(new byte[0])));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void equalsTheJdksDigestForEveryPaddingCase() throws Exception {
        Random random = new Random(20261207);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        // Lengths around the 55/56/64-byte padding boundaries, several blocks, and a large input.
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(jdk.digest(data), Sha256.digest(data), "length " + length);
        }
        byte[] large = new byte[1 << 20];
        random.nextBytes(large);
        assertArrayEquals(jdk.digest(large), Sha256.digest(large), "1 MiB");
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
