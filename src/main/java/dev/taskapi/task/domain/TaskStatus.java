package dev.taskapi.task.domain;

import java.util.Arrays;
import java.util.Optional;

/** Where a task stands; {@link #wire()} is the value clients and the table see. */
public enum TaskStatus {
    PENDING("pending"),
    IN_PROGRESS("in_progress"),
    DONE("done");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<TaskStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
