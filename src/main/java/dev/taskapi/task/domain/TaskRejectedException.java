package dev.taskapi.task.domain;

/** The task store refused a task that passed validation, for example because it is too large. */
public class TaskRejectedException extends RuntimeException {

    public TaskRejectedException(Throwable cause) {
        super("The task store refused the task", cause);
    }
}
