package dev.taskapi.task.rest;

import java.util.Arrays;

/** The kinds of problem this API answers; their {@link #uri()} values are a stable contract. */
public enum ProblemType {
    VALIDATION(400, "Invalid request", "validation"),
    MALFORMED_BODY(400, "Malformed request body", "malformed-body"),
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    NOT_FOUND(404, "Not found", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
    CONFLICT(409, "Conflict", "conflict"),
    PRECONDITION_FAILED(412, "Precondition failed", "precondition-failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
    UNPROCESSABLE(422, "Unprocessable request", "unprocessable"),
    PRECONDITION_REQUIRED(428, "Precondition required", "precondition-required"),
    INTERNAL(500, "Internal error", "internal"),
    UNAVAILABLE(503, "Service unavailable", "unavailable"),
    /** Any other HTTP error status, which this API does not produce on purpose. */
    HTTP_ERROR(0, null, "http-error");

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.uri = "urn:task-api:problem:" + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return uri;
    }

    /** The plain kind of an HTTP error status that carries no more meaning than the status. */
    public static ProblemType forStatus(int status) {
        return Arrays.stream(values())
                .filter(type -> type.status == status && type != VALIDATION)
                .findFirst()
                .orElse(HTTP_ERROR);
    }
}
