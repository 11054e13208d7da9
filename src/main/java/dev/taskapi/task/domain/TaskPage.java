package dev.taskapi.task.domain;

import java.util.List;
import java.util.Optional;

/** One page of an owner's tasks, newest first, and the token of the next page if there is one. */
public record TaskPage(List<Task> tasks, Optional<String> nextToken) {
}
