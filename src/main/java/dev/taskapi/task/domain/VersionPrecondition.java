package dev.taskapi.task.domain;

import java.util.Optional;
import java.util.Set;

/**
 * What If-Match asks of a write: nothing beyond the task existing, or that the task be at one of
 * {@link #anyOf()} versions. An empty set can never be met: it stands for tags that cannot match.
 */
public record VersionPrecondition(Optional<Set<Long>> anyOf) {

    public static final VersionPrecondition NONE = new VersionPrecondition(Optional.empty());

    public static VersionPrecondition oneOf(Set<Long> versions) {
        return new VersionPrecondition(Optional.of(Set.copyOf(versions)));
    }

    public boolean checksVersion() {
        return anyOf.isPresent();
    }
}
