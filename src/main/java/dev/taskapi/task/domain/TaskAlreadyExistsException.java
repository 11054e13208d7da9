package dev.taskapi.task.domain;

/** A task with this id is stored already; the write that found it changed nothing. */
public class TaskAlreadyExistsException extends RuntimeException {

    public TaskAlreadyExistsException(String id) {
        super("Task " + id + " exists already", null, false, false);
    }
}
