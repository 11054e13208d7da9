package dev.taskapi.task.service;

import dev.taskapi.task.domain.Task;

/** The answer to a create: the task, and whether it replays an earlier request's answer. */
public record CreatedTask(Task task, boolean replayed) {
}
