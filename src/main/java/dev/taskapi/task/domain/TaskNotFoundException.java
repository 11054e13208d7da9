package dev.taskapi.task.domain;

/** The task does not exist for this owner; whether it exists for another owner is never said. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(String id) {
        super("Task " + id + " not found", null, false, false);
    }
}
