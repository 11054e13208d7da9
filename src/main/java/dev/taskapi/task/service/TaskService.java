package dev.taskapi.task.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskChanges;
import dev.taskapi.task.domain.TaskNotFoundException;
import dev.taskapi.task.domain.TaskPage;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.repository.TaskRepository;

/** The rules of tasks: ids, defaults, timestamps and versions. Every method acts for one owner. */
@ApplicationScoped
public class TaskService {

    private final TaskRepository repository;
    private final TaskIds ids;
    private final Clock clock;

    public TaskService(TaskRepository repository, TaskIds ids, Clock clock) {
        this.repository = repository;
        this.ids = ids;
        this.clock = clock;
    }

    public Task create(String owner, String title, Optional<String> description, Optional<TaskStatus> status) {
        Instant now = clock.instant();
        Task task = new Task(
                owner,
                ids.next(now),
                title,
                description.orElse(""),
                status.orElse(TaskStatus.PENDING),
                now.getEpochSecond(),
                now.getEpochSecond(),
                1);
        repository.insert(task);
        return task;
    }

    public Optional<Task> find(String owner, String id) {
        // An id we could never have issued names nothing: answer without asking the table.
        return Task.isWellFormedId(id) ? repository.find(owner, id) : Optional.empty();
    }

    public TaskPage list(String owner, Optional<TaskStatus> status, int limit, Optional<String> pageToken) {
        return repository.list(owner, status, limit, pageToken);
    }

    /**
     * Changes the fields present in {@code changes}. With {@code expectedVersion}, only if the task
     * is still at that version; without it, the last writer wins.
     */
    public Task update(String owner, String id, TaskChanges changes, OptionalLong expectedVersion) {
        requireWellFormed(id);
        return repository.update(owner, id, changes, clock.instant().getEpochSecond(), expectedVersion);
    }

    public void delete(String owner, String id, OptionalLong expectedVersion) {
        requireWellFormed(id);
        repository.delete(owner, id, expectedVersion);
    }

    private static void requireWellFormed(String id) {
        if (!Task.isWellFormedId(id)) {
            throw new TaskNotFoundException(id);
        }
    }
}
