package dev.taskapi.task.rest.dto;

import java.util.Optional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.taskapi.task.domain.NewTask;
import dev.taskapi.task.domain.TaskStatus;

/** The body of POST /tasks. */
@Schema(name = "CreateTask", description = "A new task. Only title is required.")
public record CreateTaskRequest(
        @Schema(description = "1 to 200 characters; surrounding whitespace is trimmed", examples = "Write the report",
                maxLength = 200, required = true)
        @NotBlank(message = "is required and must not be blank")
        @PlainText(max = 200)
        String title,

        @Schema(description = "At most 2000 characters; line breaks allowed", examples = "Quarterly figures",
                maxLength = 2000, defaultValue = "")
        @PlainText(max = 2000, multiline = true)
        String description,

        @Schema(description = "Defaults to pending", enumeration = { "pending", "in_progress", "done" },
                defaultValue = "pending")
        @Pattern(regexp = TaskStatus.PATTERN, message = "must be one of pending, in_progress, done")
        String status) {

    public CreateTaskRequest {
        title = Whitespace.strip(title);
    }

    public NewTask toNewTask() {
        return new NewTask(title, Optional.ofNullable(description),
                Optional.ofNullable(status).flatMap(TaskStatus::fromWire));
    }
}
