package dev.taskapi.task.service;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Task ids: UUIDv7 (RFC 9562), so the table's sort key orders tasks by creation time.
 * Within one millisecond the 12-bit {@code rand_a} field is a counter (RFC 9562, method 1), so ids
 * made by one instance never sort out of creation order; ids from different instances in the same
 * millisecond are ordered arbitrarily, which is all "newest first" can mean across machines.
 */
@ApplicationScoped
public class TaskIds {

    private final SecureRandom random = unpredictableAfterRestore();
    /** Last issued (unix millis << 12 | counter). */
    private final AtomicLong last = new AtomicLong();

    /**
     * A generator whose output stays unique across SnapStart: every instance restored from one
     * snapshot starts with the same memory, so a generator that keeps its own seed state (SHA1PRNG,
     * DRBG) would give them all the same "random" bits. NativePRNGNonBlocking reads /dev/urandom on
     * every call, which AWS names as safe with SnapStart.
     */
    private static SecureRandom unpredictableAfterRestore() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException notOnThisPlatform) {
            return new SecureRandom(); // not Linux, so not Lambda
        }
    }

    public String next(Instant now) {
        long candidate = now.toEpochMilli() << 12;
        long stamp = last.updateAndGet(previous -> Math.max(previous + 1, candidate));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
