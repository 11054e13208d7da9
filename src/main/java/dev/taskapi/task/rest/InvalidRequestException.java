package dev.taskapi.task.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that is well-formed but asks for nothing sensible, or whose inputs are invalid: its
 * message, or the message for each invalid input by the input's wire name, is shown to the client.
 */
public class InvalidRequestException extends RuntimeException {

    private final Map<String, String> fields;

    public InvalidRequestException(String detail) {
        this(detail, Map.of());
    }

    private InvalidRequestException(String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.fields = fields;
    }

    /** {@code field} (a body field, query parameter or header, by its wire name) is invalid. */
    public static InvalidRequestException invalidField(String field, String message) {
        return invalidFields(Map.of(field, message));
    }

    /** Each key of {@code messages} is an invalid input, in the order the client should read them. */
    public static InvalidRequestException invalidFields(Map<String, String> messages) {
        return new InvalidRequestException(String.join(", ", messages.keySet()) + " invalid",
                Collections.unmodifiableMap(new LinkedHashMap<>(messages)));
    }

    /** The invalid inputs and what is wrong with each; empty when the request as a whole is at fault. */
    public Map<String, String> fields() {
        return fields;
    }
}
