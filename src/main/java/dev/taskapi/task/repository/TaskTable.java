package dev.taskapi.task.repository;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The key scheme of the tasks table, in one place. The SAM templates declare the same table; a
 * test keeps them from drifting apart.
 * <ul>
 * <li>Table: partition key {@code owner}, sort key {@code id} (UUIDv7, so newest last).</li>
 * <li>Idempotency records live in their owner's partition under ids starting with
 * {@value #RECORD_PREFIX}, which sorts after every task id (lower-case hex UUIDs), so a Query for
 * tasks bounds the sort key below it. They carry no {@code owner_status}, so the index never sees them.
 * {@code expires_at} is their TTL attribute.</li>
 * <li>{@value #STATUS_INDEX}: partition key {@code owner_status} ({@code owner#status}), sort key
 * {@code id}; a status filter is a Query on it, never a Scan.</li>
 * </ul>
 */
public final class TaskTable {

    public static final String STATUS_INDEX = "owner-status-index";

    static final String OWNER = "owner";
    static final String ID = "id";
    static final String OWNER_STATUS = "owner_status";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String STATUS = "status";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String VERSION = "version";

    static final String RECORD_PREFIX = "~";
    static final String IDEMPOTENCY_PREFIX = RECORD_PREFIX + "idempotency#";
    static final String EXPIRES_AT = "expires_at";
    static final String FINGERPRINT = "fingerprint";
    static final String TASK_ID = "task_id";
    static final String CLAIM = "claim";
    static final String IN_FLIGHT_UNTIL = "in_flight_until";
    static final String RESPONSE = "response";

    /** The attribute DynamoDB's time to live reads; the templates enable TTL on it. */
    public static final String TTL_ATTRIBUTE = EXPIRES_AT;

    private TaskTable() {
    }

    static String ownerStatus(String owner, String status) {
        // '#' cannot be confused: statuses are fixed words, so the split after the last '#' is unique.
        return owner + "#" + status;
    }

    /** The table as dev mode and the tests create it, and as the templates must declare it. */
    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(OWNER), attribute(ID), attribute(OWNER_STATUS))
                .keySchema(key(OWNER, KeyType.HASH), key(ID, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(STATUS_INDEX)
                        .keySchema(key(OWNER_STATUS, KeyType.HASH), key(ID, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
