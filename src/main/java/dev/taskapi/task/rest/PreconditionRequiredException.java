package dev.taskapi.task.rest;

/** A write without If-Match while {@code tasks.require-if-match} is on. */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException() {
        super("If-Match is required", null, false, false);
    }
}
