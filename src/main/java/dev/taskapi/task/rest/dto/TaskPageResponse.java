package dev.taskapi.task.rest.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.taskapi.task.domain.TaskPage;

/** One page of GET /tasks. */
@Schema(name = "TaskPage")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskPageResponse(
        List<TaskResponse> tasks,
        @Schema(description = "How many tasks this page holds") int count,
        @Schema(description = "Pass as next_token to read the next page; absent on the last page")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String nextToken) {

    public static TaskPageResponse of(TaskPage page) {
        List<TaskResponse> tasks = page.tasks().stream().map(TaskResponse::of).toList();
        return new TaskPageResponse(tasks, tasks.size(), page.nextToken().orElse(null));
    }
}
