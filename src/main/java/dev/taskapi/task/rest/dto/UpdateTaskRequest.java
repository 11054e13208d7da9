package dev.taskapi.task.rest.dto;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.taskapi.task.domain.TaskChanges;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.rest.InvalidRequestException;

/** The body of PUT /tasks/{id}: a partial update, as in the tutorial; absent fields stay as they are. */
@Schema(name = "UpdateTask", description = "The fields to change; at least one. Absent fields are left as they are.")
public record UpdateTaskRequest(
        @Schema(description = "1 to 200 characters; surrounding whitespace is trimmed", examples = "Write the final report",
                minLength = 1, maxLength = 200)
        String title,

        @Schema(description = "At most 2000 characters; line breaks allowed", maxLength = 2000)
        String description,

        @Schema(enumeration = { "pending", "in_progress", "done" }, examples = "done")
        String status) {

    public UpdateTaskRequest {
        title = Whitespace.strip(title);
    }

    /** The changes this body asks for; a 400 naming every invalid field, or if it asks for none. */
    public TaskChanges toChanges() {
        TaskFields.check(new FieldChecks(), title, description, status).orFail();
        TaskChanges changes = new TaskChanges(
                Optional.ofNullable(title),
                Optional.ofNullable(description),
                Optional.ofNullable(status).flatMap(TaskStatus::fromWire));
        if (changes.isEmpty()) {
            throw new InvalidRequestException("Send at least one of title, description and status.");
        }
        return changes;
    }
}
