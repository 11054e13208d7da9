package dev.taskapi.task.domain;

import java.util.regex.Pattern;

/**
 * A task as stored: {@code owner} and {@code id} identify it, {@code version} counts its writes.
 * Timestamps are epoch seconds, as in the API.
 */
public record Task(
        String owner,
        String id,
        String title,
        String description,
        TaskStatus status,
        long createdAt,
        long updatedAt,
        long version) {

    /** Ids are lower-case UUIDv7 strings; anything else cannot name a task. */
    private static final Pattern ID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    public static boolean isWellFormedId(String id) {
        return id != null && ID_FORMAT.matcher(id).matches();
    }

    /** The strong entity tag of this state of the task. */
    public String etag() {
        return Long.toString(version);
    }
}
