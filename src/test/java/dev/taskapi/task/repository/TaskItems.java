package dev.taskapi.task.repository;

import java.util.Map;

import dev.taskapi.task.domain.Task;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tasks as the repository stores them, for code that writes the table directly, such as the benchmark's seeding. */
public final class TaskItems {

    private TaskItems() {
    }

    public static Map<String, AttributeValue> item(Task task) {
        return Dynamo.toItem(task);
    }
}
