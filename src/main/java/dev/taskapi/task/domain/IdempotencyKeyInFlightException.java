package dev.taskapi.task.domain;

/** A request with the same Idempotency-Key is still being processed. */
public class IdempotencyKeyInFlightException extends RuntimeException {

    public IdempotencyKeyInFlightException() {
        super("A request with this Idempotency-Key is in flight", null, false, false);
    }
}
