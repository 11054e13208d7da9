package dev.taskapi.task.domain;

import java.util.Optional;

/** A partial update: only the fields present are changed. */
public record TaskChanges(Optional<String> title, Optional<String> description, Optional<TaskStatus> status) {

    public boolean isEmpty() {
        return title.isEmpty() && description.isEmpty() && status.isEmpty();
    }
}
