package dev.taskapi.task.rest;

import java.util.Optional;

/**
 * A request that is well-formed but asks for nothing sensible, or whose header is invalid; its
 * message is shown to the client, with the offending input's name when there is one.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String detail) {
        this(null, detail);
    }

    private InvalidRequestException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** {@code field} (a body field, query parameter or header, by its wire name) is invalid. */
    public static InvalidRequestException invalidField(String field, String message) {
        return new InvalidRequestException(field, message);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
