package dev.taskapi.task.domain;

/** A next_token that this service did not issue for this caller and this query. */
public class InvalidPageTokenException extends RuntimeException {

    public InvalidPageTokenException() {
        super("next_token is not valid for this query", null, false, false);
    }
}
