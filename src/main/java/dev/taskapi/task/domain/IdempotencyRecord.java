package dev.taskapi.task.domain;

import java.util.Optional;

/**
 * What is known about one Idempotency-Key of one owner: the request it was first used with (its
 * fingerprint), the id the task gets, who holds the key now ({@code claim}) and until when, and,
 * once done, the task that was created. Times are epoch seconds.
 */
public record IdempotencyRecord(
        String owner,
        String key,
        String fingerprint,
        String taskId,
        String claim,
        long expiresAt,
        long inFlightUntil,
        Optional<Task> result) {

    public boolean isExpired(long now) {
        return expiresAt <= now;
    }

    public boolean isCompleted() {
        return result.isPresent();
    }

    /** Another request is processing this key right now. */
    public boolean isInFlight(long now) {
        return !isCompleted() && inFlightUntil > now;
    }
}
