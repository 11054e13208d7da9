package dev.taskapi.task.domain;

/** The task store cannot answer now (unreachable, throttling, timing out); a retry later may work. */
public class TaskStoreUnavailableException extends RuntimeException {

    public TaskStoreUnavailableException(Throwable cause) {
        super("The task store is unavailable", cause);
    }
}
