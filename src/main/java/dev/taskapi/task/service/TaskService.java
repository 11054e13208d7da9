package dev.taskapi.task.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.taskapi.task.config.TaskConfig;
import dev.taskapi.task.domain.IdempotencyKeyInFlightException;
import dev.taskapi.task.domain.IdempotencyKeyReusedException;
import dev.taskapi.task.domain.IdempotencyRecord;
import dev.taskapi.task.domain.NewTask;
import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskAlreadyExistsException;
import dev.taskapi.task.domain.TaskChanges;
import dev.taskapi.task.domain.TaskNotFoundException;
import dev.taskapi.task.domain.TaskPage;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.domain.VersionPrecondition;
import dev.taskapi.task.repository.IdempotencyRecords;
import dev.taskapi.task.repository.TaskRepository;

/**
 * The rules of tasks: ids, defaults, timestamps, versions and idempotent creates. Every method acts
 * for one owner. Nothing here is kept in memory between requests: any instance may serve the next.
 */
@ApplicationScoped
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class);
    /** Claims lost to racing requests before giving up with a 409; each loss means real progress elsewhere. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final TaskRepository repository;
    private final IdempotencyRecords idempotency;
    private final TaskIds ids;
    private final Clock clock;
    private final TaskConfig.Idempotency idempotencyConfig;

    public TaskService(TaskRepository repository, IdempotencyRecords idempotency, TaskIds ids, Clock clock,
            TaskConfig config) {
        this.repository = repository;
        this.idempotency = idempotency;
        this.ids = ids;
        this.clock = clock;
        this.idempotencyConfig = config.idempotency();
    }

    /**
     * Creates a task. With an idempotency key, a repeat of the same request replays the first
     * answer and creates nothing: claim the key (a conditional put), write the task, complete the
     * record. The task id is chosen at claim time and kept by any retry that takes the key over,
     * so a task that an interrupted attempt did write is found rather than written twice.
     */
    public CreatedTask create(String owner, NewTask request, Optional<String> idempotencyKey) {
        Instant now = clock.instant();
        if (idempotencyKey.isEmpty()) {
            // Found rather than written if the SDK retried a put whose first attempt did land.
            return new CreatedTask(insertOrFind(newTask(owner, ids.next(now), request, now)), false);
        }
        IdempotencyRecord held = claim(owner, idempotencyKey.get(), request.fingerprint(), now);
        if (held.isCompleted()) {
            return new CreatedTask(held.result().orElseThrow(), true);
        }
        try {
            Task task = insertOrFind(newTask(owner, held.taskId(), request, now));
            if (!idempotency.complete(held, task)) {
                // A retry took the key over after our in-flight time ran out; it will find this task.
                LOG.infof("Idempotency key taken over before completion; task %s stands", task.id());
            }
            return new CreatedTask(task, false);
        } catch (RuntimeException failure) {
            releaseQuietly(held);
            throw failure;
        }
    }

    public Optional<Task> find(String owner, String id) {
        // An id we could never have issued names nothing: answer without asking the table.
        return Task.isWellFormedId(id) ? repository.find(owner, id) : Optional.empty();
    }

    public TaskPage list(String owner, Optional<TaskStatus> status, int limit, Optional<String> pageToken) {
        return repository.list(owner, status, limit, pageToken);
    }

    /**
     * Changes the fields present in {@code changes}, if {@code precondition} holds; without a version
     * in it, the last writer wins.
     */
    public Task update(String owner, String id, TaskChanges changes, VersionPrecondition precondition) {
        requireWellFormed(id);
        return repository.update(owner, id, changes, clock.instant().getEpochSecond(), precondition);
    }

    public void delete(String owner, String id, VersionPrecondition precondition) {
        requireWellFormed(id);
        repository.delete(owner, id, precondition);
    }

    /**
     * Takes the key for this request, or returns its completed record to replay. Throws when the
     * key belongs to another request (422) or another request is processing it now (409).
     */
    private IdempotencyRecord claim(String owner, String key, String fingerprint, Instant now) {
        long seconds = now.getEpochSecond();
        IdempotencyRecord fresh = record(owner, key, fingerprint, ids.next(now), seconds);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if (idempotency.claimFresh(fresh, seconds)) {
                return fresh;
            }
            Optional<IdempotencyRecord> found = idempotency.find(owner, key);
            if (found.isEmpty() || found.get().isExpired(seconds)) {
                continue; // deleted or expired since: claim it afresh
            }
            IdempotencyRecord existing = found.get();
            if (!existing.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException();
            }
            if (existing.isCompleted()) {
                return existing;
            }
            if (existing.isInFlight(seconds)) {
                throw new IdempotencyKeyInFlightException();
            }
            // Released after a failure, or held past the Lambda timeout: take it over, keeping the task id.
            IdempotencyRecord takeover = record(owner, key, fingerprint, existing.taskId(), seconds);
            if (idempotency.takeOver(takeover, existing.claim())) {
                return takeover;
            }
        }
        throw new IdempotencyKeyInFlightException();
    }

    private IdempotencyRecord record(String owner, String key, String fingerprint, String taskId, long now) {
        return new IdempotencyRecord(owner, key, fingerprint, taskId, UUID.randomUUID().toString(),
                now + idempotencyConfig.ttl().toSeconds(),
                now + idempotencyConfig.inFlightTimeout().toSeconds(),
                Optional.empty());
    }

    private Task insertOrFind(Task task) {
        try {
            repository.insert(task);
            return task;
        } catch (TaskAlreadyExistsException writtenBefore) {
            // An earlier attempt wrote it: a retried put, or a retry of the same Idempotency-Key.
            // The id is new to this request, so nobody else's task can be behind it.
            return repository.find(task.owner(), task.id()).orElseThrow(() -> writtenBefore);
        }
    }

    private void releaseQuietly(IdempotencyRecord held) {
        try {
            idempotency.release(held);
        } catch (RuntimeException releaseFailed) {
            // The key frees itself when its in-flight time runs out.
            LOG.warnf("Could not release an idempotency key after a failed create (%s)",
                    releaseFailed.getClass().getSimpleName());
        }
    }

    private static Task newTask(String owner, String id, NewTask request, Instant now) {
        return new Task(owner, id, request.title(), request.description().orElse(""),
                request.status().orElse(TaskStatus.PENDING), now.getEpochSecond(), now.getEpochSecond(), 1);
    }

    private static void requireWellFormed(String id) {
        if (!Task.isWellFormedId(id)) {
            throw new TaskNotFoundException(id);
        }
    }
}
