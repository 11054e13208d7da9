package dev.taskapi.task.rest.dto;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.taskapi.task.domain.TaskStatus;

/** The query of GET /tasks, checked: which tasks, how many per page, and from where. */
public record TaskListQuery(Optional<TaskStatus> status, int limit, Optional<String> nextToken) {

    private static final int DEFAULT_LIMIT = 20;
    private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]?|100");
    /** Longer than any token this API issues, so a longer one cannot be one. */
    private static final int MAX_TOKEN_LENGTH = 512;

    /** The query the parameters ask for ({@code null} where absent); a 400 naming every invalid one otherwise. */
    public static TaskListQuery of(String status, String limit, String nextToken) {
        new FieldChecks()
                .check(TaskFields.STATUS, TaskFields.isStatus(status), TaskFields.STATUS_MESSAGE)
                .check("limit", limit == null || LIMIT.matcher(limit).matches(), "must be an integer from 1 to 100")
                .check("next_token", nextToken == null || nextToken.length() <= MAX_TOKEN_LENGTH,
                        "is not a token this API issued")
                .orFail();
        return new TaskListQuery(
                Optional.ofNullable(status).flatMap(TaskStatus::fromWire),
                limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit),
                Optional.ofNullable(nextToken));
    }
}
