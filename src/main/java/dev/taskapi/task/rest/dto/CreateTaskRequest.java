package dev.taskapi.task.rest.dto;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.taskapi.task.domain.NewTask;
import dev.taskapi.task.domain.TaskStatus;

/** The body of POST /tasks. */
@Schema(name = "CreateTask", description = "A new task. Only title is required.")
public record CreateTaskRequest(
        @Schema(description = "1 to 200 characters; surrounding whitespace is trimmed", examples = "Write the report",
                maxLength = 200, pattern = "\\S", required = true)
        String title,

        @Schema(description = "At most 2000 characters; line breaks allowed", examples = "Quarterly figures",
                maxLength = 2000, defaultValue = "")
        String description,

        @Schema(description = "Defaults to pending", enumeration = { "pending", "in_progress", "done" },
                defaultValue = "pending")
        String status) {

    public CreateTaskRequest {
        title = Whitespace.strip(title);
    }

    /** The task this body asks for; a 400 naming every invalid field if it asks for none. */
    public NewTask toNewTask() {
        FieldChecks checks = new FieldChecks()
                .check(TaskFields.TITLE, title != null && !title.isEmpty(), "is required and must not be blank");
        TaskFields.check(checks, title, description, status).orFail();
        return new NewTask(title, Optional.ofNullable(description),
                Optional.ofNullable(status).flatMap(TaskStatus::fromWire));
    }
}
