package dev.taskapi.task.domain;

/** The Idempotency-Key was first used with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("Idempotency-Key reused with a different request", null, false, false);
    }
}
