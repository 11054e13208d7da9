package dev.taskapi.local;

import dev.taskapi.task.repository.TaskTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Creates the tasks table on a local DynamoDB, exactly as {@link TaskTable} and the templates define it. */
public final class LocalTable {

    private LocalTable() {
    }

    /** Creates {@code tableName} unless it exists; returns whether it did. */
    public static boolean createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.describeTable(describe -> describe.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException missing) {
            dynamo.createTable(TaskTable.definition(tableName));
            dynamo.waiter().waitUntilTableExists(describe -> describe.tableName(tableName));
            return true;
        }
    }
}
