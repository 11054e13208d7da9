package dev.taskapi.task.repository;

import static dev.taskapi.task.repository.Dynamo.call;
import static dev.taskapi.task.repository.Dynamo.fromItem;
import static dev.taskapi.task.repository.Dynamo.n;
import static dev.taskapi.task.repository.Dynamo.s;
import static dev.taskapi.task.repository.Dynamo.toItem;
import static dev.taskapi.task.repository.TaskTable.DESCRIPTION;
import static dev.taskapi.task.repository.TaskTable.ID;
import static dev.taskapi.task.repository.TaskTable.OWNER;
import static dev.taskapi.task.repository.TaskTable.OWNER_STATUS;
import static dev.taskapi.task.repository.TaskTable.STATUS;
import static dev.taskapi.task.repository.TaskTable.STATUS_INDEX;
import static dev.taskapi.task.repository.TaskTable.TITLE;
import static dev.taskapi.task.repository.TaskTable.UPDATED_AT;
import static dev.taskapi.task.repository.TaskTable.VERSION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.taskapi.task.config.TaskConfig;
import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskAlreadyExistsException;
import dev.taskapi.task.domain.TaskChanges;
import dev.taskapi.task.domain.TaskNotFoundException;
import dev.taskapi.task.domain.TaskPage;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.domain.TaskVersionMismatchException;
import dev.taskapi.task.domain.VersionPrecondition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The only class that knows DynamoDB. Every write is conditional, so nothing is ever upserted, and
 * a failed condition becomes a domain exception here. Lists are Queries on the owner's partition
 * (or on the owner's status partition of {@value TaskTable#STATUS_INDEX}); there is no Scan.
 */
@ApplicationScoped
public class TaskRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public TaskRepository(DynamoDbClient dynamo, TaskConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /** Stores a new task; never overwrites one that has its id. */
    public void insert(Task task) {
        try {
            call(() -> dynamo.putItem(put -> put
                    .tableName(table)
                    .item(toItem(task))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID))));
        } catch (ConditionalCheckFailedException taken) {
            throw new TaskAlreadyExistsException(task.id());
        }
    }

    public Optional<Task> find(String owner, String id) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(get -> get
                .tableName(table)
                .key(key(owner, id))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Applies {@code changes}, bumps the version and returns the task as stored. The existence and
     * version checks are the write's own condition, never a read before it.
     */
    public Task update(String owner, String id, TaskChanges changes, long updatedAt, VersionPrecondition precondition) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        changes.title().ifPresent(title -> set(sets, names, values, TITLE, s(title)));
        changes.description().ifPresent(description -> set(sets, names, values, DESCRIPTION, s(description)));
        changes.status().ifPresent(status -> {
            set(sets, names, values, STATUS, s(status.wire()));
            set(sets, names, values, OWNER_STATUS, s(TaskTable.ownerStatus(owner, status.wire())));
        });
        set(sets, names, values, UPDATED_AT, n(updatedAt));
        names.put("#version", VERSION);
        values.put(":one", n(1));
        sets.add("#version = #version + :one");

        String condition = writeCondition(names, values, precondition);
        try {
            Map<String, AttributeValue> stored = call(() -> dynamo.updateItem(update -> update
                    .tableName(table)
                    .key(key(owner, id))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            return fromItem(stored);
        } catch (ConditionalCheckFailedException failed) {
            throw conditionFailure(owner, id, precondition);
        }
    }

    public void delete(String owner, String id, VersionPrecondition precondition) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = writeCondition(names, values, precondition);
        try {
            call(() -> dynamo.deleteItem(delete -> delete
                    .tableName(table)
                    .key(key(owner, id))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values.isEmpty() ? null : values)));
        } catch (ConditionalCheckFailedException failed) {
            throw conditionFailure(owner, id, precondition);
        }
    }

    /** One page of the owner's tasks, newest first, optionally only those with {@code status}. */
    public TaskPage list(String owner, Optional<TaskStatus> status, int limit, Optional<String> pageToken) {
        Optional<String> statusWire = status.map(TaskStatus::wire);
        Optional<String> resumeAfter = pageToken.map(token -> PageTokens.resumeAfter(token, owner, statusWire));

        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .scanIndexForward(false)
                // One more than asked, so that a full last page does not promise a next one.
                .limit(limit + 1);
        if (statusWire.isPresent()) {
            String partition = TaskTable.ownerStatus(owner, statusWire.get());
            query.indexName(STATUS_INDEX)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", OWNER_STATUS))
                    .expressionAttributeValues(Map.of(":pk", s(partition)));
            resumeAfter.ifPresent(id -> query.exclusiveStartKey(Map.of(
                    OWNER_STATUS, s(partition), OWNER, s(owner), ID, s(id))));
        } else {
            // The owner's partition also holds idempotency records; their ids sort after every task id.
            // A consistent read, so a list shows the caller's own writes at once. The index cannot
            // offer that: a filtered list may trail a write by a moment.
            query.consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #id < :records")
                    .expressionAttributeNames(Map.of("#pk", OWNER, "#id", ID))
                    .expressionAttributeValues(Map.of(":pk", s(owner), ":records", s(TaskTable.RECORD_PREFIX)));
            resumeAfter.ifPresent(id -> query.exclusiveStartKey(key(owner, id)));
        }

        QueryResponse response = call(() -> dynamo.query(query.build()));
        List<Task> tasks = new ArrayList<>(response.items().size());
        response.items().stream().limit(limit).forEach(item -> tasks.add(fromItem(item)));
        // A response cut short by DynamoDB's 1 MB page limit also has more to read.
        boolean more = response.items().size() > limit || (response.hasLastEvaluatedKey() && !tasks.isEmpty());
        Optional<String> next = more
                ? Optional.of(PageTokens.issue(owner, statusWire, tasks.get(tasks.size() - 1).id()))
                : Optional.empty();
        return new TaskPage(tasks, next);
    }

    private static String writeCondition(Map<String, String> names, Map<String, AttributeValue> values,
            VersionPrecondition precondition) {
        names.put("#id", ID);
        if (!precondition.checksVersion()) {
            return "attribute_exists(#id)";
        }
        names.put("#version", VERSION);
        List<String> placeholders = new ArrayList<>();
        // No version is negative: with no usable tag the condition asks for one that never exists.
        Set<Long> versions = precondition.anyOf().get().isEmpty() ? Set.of(-1L) : precondition.anyOf().get();
        for (long version : versions) {
            String placeholder = ":v" + placeholders.size();
            values.put(placeholder, n(version));
            placeholders.add(placeholder);
        }
        return "attribute_exists(#id) AND #version IN (" + String.join(", ", placeholders) + ")";
    }

    /**
     * Tells a missing task from a stale version after a failed condition. A consistent read is
     * needed because the local DynamoDB ignores ReturnValuesOnConditionCheckFailure.
     */
    private RuntimeException conditionFailure(String owner, String id, VersionPrecondition precondition) {
        if (precondition.checksVersion() && find(owner, id).isPresent()) {
            return new TaskVersionMismatchException(id);
        }
        return new TaskNotFoundException(id);
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
            String attribute, AttributeValue value) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        sets.add("#" + attribute + " = :" + attribute);
    }

    private static Map<String, AttributeValue> key(String owner, String id) {
        return Map.of(OWNER, s(owner), ID, s(id));
    }
}
