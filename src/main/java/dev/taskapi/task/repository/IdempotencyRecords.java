package dev.taskapi.task.repository;

import static dev.taskapi.task.repository.Dynamo.call;
import static dev.taskapi.task.repository.Dynamo.n;
import static dev.taskapi.task.repository.Dynamo.s;
import static dev.taskapi.task.repository.TaskTable.CLAIM;
import static dev.taskapi.task.repository.TaskTable.EXPIRES_AT;
import static dev.taskapi.task.repository.TaskTable.FINGERPRINT;
import static dev.taskapi.task.repository.TaskTable.ID;
import static dev.taskapi.task.repository.TaskTable.IDEMPOTENCY_PREFIX;
import static dev.taskapi.task.repository.TaskTable.IN_FLIGHT_UNTIL;
import static dev.taskapi.task.repository.TaskTable.OWNER;
import static dev.taskapi.task.repository.TaskTable.RESPONSE;
import static dev.taskapi.task.repository.TaskTable.TASK_ID;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.taskapi.task.config.TaskConfig;
import dev.taskapi.task.domain.IdempotencyRecord;
import dev.taskapi.task.domain.Task;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records, in the tasks table (see {@link TaskTable}). Every change is conditional on
 * the record's state or on the claim that holds it, so racing requests never both win; the local
 * DynamoDB has no transactions, so the steps are separate conditional writes.
 */
@ApplicationScoped
public class IdempotencyRecords {

    private final DynamoDbClient dynamo;
    private final String table;

    public IdempotencyRecords(DynamoDbClient dynamo, TaskConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    public Optional<IdempotencyRecord> find(String owner, String key) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(get -> get
                .tableName(table)
                .key(key(owner, key))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(owner, key, item));
    }

    /**
     * Stores {@code record} if no live record holds its key: none at all, or one that has expired
     * (TTL deletion can lag by up to 48 hours). Returns whether it did.
     */
    public boolean claimFresh(IdempotencyRecord record, long now) {
        return conditionalPut(record,
                "attribute_not_exists(#id) OR #expires_at <= :now",
                Map.of("#id", ID, "#expires_at", EXPIRES_AT),
                Map.of(":now", n(now)));
    }

    /**
     * Replaces an unfinished record that no request holds any more (released, or held past the
     * Lambda timeout) with {@code record}, provided {@code previousClaim} still holds it.
     */
    public boolean takeOver(IdempotencyRecord record, String previousClaim) {
        return conditionalPut(record,
                "#claim = :previous AND attribute_not_exists(#response)",
                Map.of("#claim", CLAIM, "#response", RESPONSE),
                Map.of(":previous", s(previousClaim)));
    }

    /** Records the created task as the answer of the key, if {@code record}'s claim still holds it. */
    public boolean complete(IdempotencyRecord record, Task task) {
        return conditionalUpdate(record, "SET #response = :response",
                Map.of("#response", RESPONSE),
                Map.of(":response", AttributeValue.fromM(Dynamo.toItem(task))));
    }

    /** Lets another request take the key over at once, keeping the task id for it. */
    public void release(IdempotencyRecord record) {
        conditionalUpdate(record, "SET #in_flight_until = :zero",
                Map.of("#in_flight_until", IN_FLIGHT_UNTIL),
                Map.of(":zero", n(0)));
    }

    private boolean conditionalPut(IdempotencyRecord record, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            call(() -> dynamo.putItem(put -> put
                    .tableName(table)
                    .item(toItem(record))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    private boolean conditionalUpdate(IdempotencyRecord record, String update, Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#claim", CLAIM);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":claim", s(record.claim()));
        try {
            call(() -> dynamo.updateItem(change -> change
                    .tableName(table)
                    .key(key(record.owner(), record.key()))
                    .updateExpression(update)
                    .conditionExpression("#claim = :claim")
                    .expressionAttributeNames(allNames)
                    .expressionAttributeValues(allValues)));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String owner, String key) {
        return Map.of(OWNER, s(owner), ID, s(IDEMPOTENCY_PREFIX + key));
    }

    private static Map<String, AttributeValue> toItem(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.owner(), record.key()));
        item.put(FINGERPRINT, s(record.fingerprint()));
        item.put(TASK_ID, s(record.taskId()));
        item.put(CLAIM, s(record.claim()));
        item.put(EXPIRES_AT, n(record.expiresAt()));
        item.put(IN_FLIGHT_UNTIL, n(record.inFlightUntil()));
        record.result().ifPresent(task -> item.put(RESPONSE, AttributeValue.fromM(Dynamo.toItem(task))));
        return item;
    }

    private static IdempotencyRecord fromItem(String owner, String key, Map<String, AttributeValue> item) {
        return new IdempotencyRecord(
                owner,
                key,
                item.get(FINGERPRINT).s(),
                item.get(TASK_ID).s(),
                item.get(CLAIM).s(),
                Long.parseLong(item.get(EXPIRES_AT).n()),
                Long.parseLong(item.get(IN_FLIGHT_UNTIL).n()),
                Optional.ofNullable(item.get(RESPONSE)).map(response -> Dynamo.fromItem(response.m())));
    }
}
