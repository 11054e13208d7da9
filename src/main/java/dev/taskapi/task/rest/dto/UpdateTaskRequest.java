package dev.taskapi.task.rest.dto;

import java.util.Optional;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.taskapi.task.domain.TaskChanges;
import dev.taskapi.task.domain.TaskStatus;

/** The body of PUT /tasks/{id}: a partial update, as in the tutorial; absent fields stay as they are. */
@Schema(name = "UpdateTask", description = "The fields to change; at least one. Absent fields are left as they are.")
public record UpdateTaskRequest(
        @Schema(description = "1 to 200 characters; surrounding whitespace is trimmed", examples = "Write the final report",
                maxLength = 200)
        @Size(min = 1, message = "must not be blank")
        @PlainText(max = 200)
        String title,

        @Schema(description = "At most 2000 characters; line breaks allowed", maxLength = 2000)
        @PlainText(max = 2000, multiline = true)
        String description,

        @Schema(enumeration = { "pending", "in_progress", "done" }, examples = "done")
        @Pattern(regexp = TaskStatus.PATTERN, message = "must be one of pending, in_progress, done")
        String status) {

    public UpdateTaskRequest {
        title = Whitespace.strip(title);
    }

    public TaskChanges toChanges() {
        return new TaskChanges(
                Optional.ofNullable(title),
                Optional.ofNullable(description),
                Optional.ofNullable(status).flatMap(TaskStatus::fromWire));
    }
}
