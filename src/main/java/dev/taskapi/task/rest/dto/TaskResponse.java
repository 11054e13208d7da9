package dev.taskapi.task.rest.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.taskapi.task.domain.Task;

/** A task as clients see it: the tutorial's fields plus its version. */
@Schema(name = "Task")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskResponse(
        @Schema(description = "UUIDv7: sorts by creation time", examples = "019a3c52-8f1e-7b3a-9c4d-2e5f6a7b8c9d")
        String id,
        @Schema(examples = "Write the report") String title,
        @Schema(examples = "Quarterly figures") String description,
        @Schema(enumeration = { "pending", "in_progress", "done" }, examples = "pending") String status,
        @Schema(description = "Epoch seconds", examples = "1764872400") long createdAt,
        @Schema(description = "Epoch seconds", examples = "1764872400") long updatedAt,
        @Schema(description = "Starts at 1, +1 on every update; the ETag is this number in quotes", examples = "1")
        long version) {

    public static TaskResponse of(Task task) {
        return new TaskResponse(task.id(), task.title(), task.description(), task.status().wire(),
                task.createdAt(), task.updatedAt(), task.version());
    }
}
