package dev.taskapi.task.domain;

/** The caller's If-Match names a version of the task that is no longer current. */
public class TaskVersionMismatchException extends RuntimeException {

    public TaskVersionMismatchException(String id) {
        super("Task " + id + " has changed since the version the caller holds", null, false, false);
    }
}
