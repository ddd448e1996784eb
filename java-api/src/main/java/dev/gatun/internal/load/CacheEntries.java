// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The set directories of a cache: which are in use, and removing the ones nobody has used for a while,
 * so that {@code ~/.cache/gatun} does not grow by one directory per library build forever.
 *
 * <p>A JVM that uses a set holds a shared {@code flock}-style lock on the set's {@value #LOCK} file for
 * its whole life (the libraries stay mapped that long), and touches the file's modification time at most
 * once an hour as the "last used" time. Pruning, at most once a day per cache, takes an exclusive lock on
 * each set's lock file without waiting: a set some JVM holds is skipped, whatever its age; an unused set
 * older than the maximum age ({@value #MAX_AGE_PROPERTY}, default 30 days) is renamed away while locked
 * and then deleted, so a JVM that starts using it at that moment finds it missing and extracts it again.
 */
public final class CacheEntries {
    /** System property: days a set may stay unused before it is pruned; 0 or less disables pruning. */
    public static final String MAX_AGE_PROPERTY = "gatun.cache.maxAgeDays";
    /** The lock file in each set directory; the leading dot keeps it out of any SHA256SUMS. */
    static final String LOCK = ".lock";
    private static final String PRUNED = ".pruned";
    // Plain milliseconds: the warm path of every start compares two times, which needs no java.time.
    private static final long TOUCH_EVERY_MS = 60L * 60 * 1000;
    private static final long PRUNE_EVERY_MS = 24L * TOUCH_EVERY_MS;
    // Guarded by itself. Locks are per process: one per set directory, kept until the JVM exits.
    private static final Map<Path, FileLock> HELD = new HashMap<>();

    private CacheEntries() {
    }

    /**
     * Marks {@code setDir} as used by this JVM until it exits: a shared lock that pruning respects, and
     * the "last used" time. Waits while a pruner holds the set.
     *
     * @param setDir a set directory of the cache
     */
    public static void markInUse(Path setDir) {
        Path lockFile = setDir.resolve(LOCK);
        synchronized (HELD) {
            if (HELD.containsKey(setDir)) {
                return;
            }
            try {
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                HELD.put(setDir, channel.lock(0, Long.MAX_VALUE, true));
                long now = System.currentTimeMillis();
                if (Files.getLastModifiedTime(lockFile).toMillis() + TOUCH_EVERY_MS < now) {
                    Files.setLastModifiedTime(lockFile, FileTime.fromMillis(now));
                }
            } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
                // Without a lock the set is only unprotected from pruning, which then goes by its age alone.
            }
        }
    }

    /**
     * Prunes {@code root} when its last pruning is more than a day old: see the type's description.
     *
     * @param root the cache directory
     * @return the set directories removed
     */
    public static List<Path> pruneIfDue(Path root) {
        long maxAgeDays = maxAgeDays();
        Path marker = root.resolve(PRUNED);
        if (maxAgeDays == 0 || lastModifiedMillis(marker) + PRUNE_EVERY_MS > System.currentTimeMillis()) {
            return List.of(); // the warm path: one stat
        }
        try {
            Files.write(marker, new byte[0]);
        } catch (IOException e) {
            return List.of();
        }
        return prune(root, Duration.ofDays(maxAgeDays));
    }

    /**
     * Removes every set directory of {@code root} that no JVM holds and that was last used more than
     * {@code maxAge} ago.
     *
     * @param root   the cache directory
     * @param maxAge how long a set may stay unused
     * @return the set directories removed
     */
    public static List<Path> prune(Path root, Duration maxAge) {
        return Pruning.prune(root, maxAge);
    }

    /**
     * One {@code stat}: the file's modification time, or {@link Long#MIN_VALUE} / 2 (long ago) when it cannot be
     * read (absent: pruning is due and writes it). Any IOException, not NoSuchFileException: the verifier would
     * load that class, and its parent's, at every start.
     */
    private static long lastModifiedMillis(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE / 2;
        }
    }

    /**
     * {@value #MAX_AGE_PROPERTY}, 30 by default; checked by hand, so that no NumberFormatException class is loaded
     * at every start to verify a catch clause.
     */
    private static long maxAgeDays() {
        String value = System.getProperty(MAX_AGE_PROPERTY);
        if (value == null || value.isBlank()) {
            return 30;
        }
        String digits = value.strip();
        int first = digits.startsWith("-") || digits.startsWith("+") ? 1 : 0;
        boolean valid = digits.length() > first && digits.length() - first <= 18;
        for (int i = first; valid && i < digits.length(); i++) {
            valid = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!valid) {
            throw new IllegalArgumentException(MAX_AGE_PROPERTY + ": expected a whole number of days, got '" + value + "'");
        }
        return Math.max(Long.parseLong(digits), 0); // at most 18 digits: cannot overflow
    }

    /**
     * What only pruning needs, apart from what every start runs: verifying its methods loads java.time and exception
     * classes that a start which does not prune never needs.
     */
    private static final class Pruning {
        /** Made on first use: seeding a SecureRandom costs milliseconds. */
        private static final SecureRandom RANDOM = new SecureRandom();

        private Pruning() {
        }

        static List<Path> prune(Path root, Duration maxAge) {
            List<Path> removed = new ArrayList<>();
            Instant cutoff = Instant.now().minus(maxAge);
            try (DirectoryStream<Path> sets = Files.newDirectoryStream(root, p -> isSetName(p.getFileName().toString()))) {
                for (Path dir : sets) {
                    synchronized (HELD) {
                        if (!HELD.containsKey(dir) && removeIfUnused(root, dir, cutoff)) {
                            removed.add(dir);
                        }
                    }
                }
            } catch (IOException e) {
                // An unreadable cache is reported when it is used; pruning is best effort.
            }
            return removed;
        }

        private static boolean removeIfUnused(Path root, Path dir, Instant cutoff) throws IOException {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Path lockFile = dir.resolve(LOCK);
            // A lock file made just now by this open must not count as a use.
            boolean hadLock = Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
                if (lock == null) {
                    return false; // some JVM uses it
                }
                if (lastUsed(dir, hadLock).isAfter(cutoff)) {
                    return false;
                }
                // Renamed while locked: a JVM arriving now finds the set missing and extracts it afresh.
                Path trash = root.resolve(".trash-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
                Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(trash);
                return true;
            } catch (OverlappingFileLockException e) {
                return false;
            }
        }

        /** The newest modification time among the set's files: the lock file's touch, or the extraction. */
        private static Instant lastUsed(Path dir, boolean countLock) throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> countLock || !f.getFileName().toString().equals(LOCK)).map(f -> {
                    try {
                        return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant();
                    } catch (IOException e) {
                        return Instant.MAX; // unreadable: treat as in use
                    }
                }).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        /** Whether {@code name} is a set directory's name: 64 lowercase hex digits. */
        private static boolean isSetName(String name) {
            if (name.length() != 64) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }
    }
}
