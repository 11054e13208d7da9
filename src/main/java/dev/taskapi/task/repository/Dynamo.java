package dev.taskapi.task.repository;

import static dev.taskapi.task.repository.TaskTable.CREATED_AT;
import static dev.taskapi.task.repository.TaskTable.DESCRIPTION;
import static dev.taskapi.task.repository.TaskTable.ID;
import static dev.taskapi.task.repository.TaskTable.OWNER;
import static dev.taskapi.task.repository.TaskTable.OWNER_STATUS;
import static dev.taskapi.task.repository.TaskTable.STATUS;
import static dev.taskapi.task.repository.TaskTable.TITLE;
import static dev.taskapi.task.repository.TaskTable.UPDATED_AT;
import static dev.taskapi.task.repository.TaskTable.VERSION;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskRejectedException;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.domain.TaskStoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/** What the repositories share: task items, attribute values, and SDK failures turned into domain ones. */
final class Dynamo {

    private Dynamo() {
    }

    /**
     * Runs one DynamoDB call. Failures the caller can do nothing about but wait become
     * {@link TaskStoreUnavailableException}; conditional failures are left to the caller.
     */
    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ProvisionedThroughputExceededException | RequestLimitExceededException throttled) {
            throw new TaskStoreUnavailableException(throttled);
        } catch (ConditionalCheckFailedException failed) {
            throw failed;
        } catch (DynamoDbException dynamoError) {
            if (dynamoError.isThrottlingException() || dynamoError.statusCode() >= 500) {
                throw new TaskStoreUnavailableException(dynamoError);
            }
            String code = dynamoError.awsErrorDetails() == null ? null : dynamoError.awsErrorDetails().errorCode();
            if ("ValidationException".equals(code)) {
                // What validation lets through but DynamoDB still refuses, such as an item over 400 KB.
                throw new TaskRejectedException(dynamoError);
            }
            throw new IllegalStateException("DynamoDB refused the request (" + code + ")", dynamoError);
        } catch (SdkClientException unreachable) {
            throw new TaskStoreUnavailableException(unreachable);
        } catch (UncheckedIOException connectionLost) {
            // The url-connection client lets a connection reset while sending escape unwrapped, and
            // so unretried (aws-sdk-java-v2 PR 7347, merged after the SDK 2.42 this build uses).
            throw new TaskStoreUnavailableException(connectionLost);
        }
    }


    static Map<String, AttributeValue> toItem(Task task) {
        return Map.of(
                OWNER, s(task.owner()),
                ID, s(task.id()),
                TITLE, s(task.title()),
                DESCRIPTION, s(task.description()),
                STATUS, s(task.status().wire()),
                OWNER_STATUS, s(TaskTable.ownerStatus(task.owner(), task.status().wire())),
                CREATED_AT, n(task.createdAt()),
                UPDATED_AT, n(task.updatedAt()),
                VERSION, n(task.version()));
    }

    static Task fromItem(Map<String, AttributeValue> item) {
        return new Task(
                item.get(OWNER).s(),
                item.get(ID).s(),
                item.get(TITLE).s(),
                item.get(DESCRIPTION).s(),
                TaskStatus.fromWire(item.get(STATUS).s()).orElseThrow(
                        () -> new IllegalStateException("Stored task has an unknown status")),
                Long.parseLong(item.get(CREATED_AT).n()),
                Long.parseLong(item.get(UPDATED_AT).n()),
                Long.parseLong(item.get(VERSION).n()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
