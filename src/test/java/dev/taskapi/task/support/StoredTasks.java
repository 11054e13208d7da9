package dev.taskapi.task.support;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the table directly, so tests can assert what is stored and not only what the API says. */
@ApplicationScoped
public class StoredTasks {

    private final DynamoDbClient dynamo;

    public StoredTasks(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public Optional<Map<String, AttributeValue>> item(String owner, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get
                .tableName(LocalDynamoDb.TABLE)
                .consistentRead(true)
                .key(Map.of("owner", AttributeValue.fromS(owner), "id", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * How many tasks {@code owner} has, counted with a Query of the owner's partition below the
     * idempotency records, whose ids start with "~".
     */
    public int count(String owner) {
        return dynamo.queryPaginator(query -> query
                .tableName(LocalDynamoDb.TABLE)
                .consistentRead(true)
                .keyConditionExpression("#o = :o AND #id < :records")
                .expressionAttributeNames(Map.of("#o", "owner", "#id", "id"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner), ":records", AttributeValue.fromS("~"))))
                .stream().mapToInt(page -> page.count()).sum();
    }
}
