package dev.taskapi.task.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client: the one Quarkus configures (endpoint, credentials, timeouts), with at most
 * {@value #MAX_ATTEMPTS} attempts per call, each request sent in one write ({@link OneWriteRequests}). The SDK gives DynamoDB 9 by default, with back-offs
 * that grow to 20 s when throttled; that outlasts any time bound worth having. The quarkus-amazon
 * extension has no key for it, hence this producer.
 */
public class DynamoDbClientProducer {

    /** The first attempt and two retries: enough to ride out a blip, few enough to fail fast. */
    static final int MAX_ATTEMPTS = 3;

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDbClient(DynamoDbClientBuilder builder) {
        // Amend, not replace: the extension has already put the configured timeouts there.
        ClientOverrideConfiguration configured = builder.overrideConfiguration();
        return builder
                .overrideConfiguration(configured.toBuilder()
                        .retryStrategy(retries -> retries.maxAttempts(MAX_ATTEMPTS))
                        .addExecutionInterceptor(new OneWriteRequests())
                        .build())
                .build();
    }
}
