package dev.taskapi.task.support;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.taskapi.local.Dynalite;
import dev.taskapi.local.LocalTable;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tests' DynamoDB: a fresh in-memory dynalite on a free port with the table created, unless
 * QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE names an endpoint to use instead (then only the table is
 * ensured there). Fills {@link InjectStoredTasks} fields with a {@link StoredTasks} reading that table.
 */
public class LocalDynamoDb implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "Tasks";

    private Dynalite dynalite;
    private DynamoDbClient storedTasksClient;

    @Override
    public Map<String, String> start() {
        URI endpoint = Optional.ofNullable(System.getenv("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE"))
                .filter(value -> !value.isBlank())
                .map(URI::create)
                .orElseGet(() -> {
                    dynalite = Dynalite.start(Dynalite.freePort(), Optional.empty());
                    return dynalite.endpoint();
                });
        storedTasksClient = client(endpoint);
        LocalTable.createIfMissing(storedTasksClient, TABLE);
        return Map.of(
                "quarkus.dynamodb.endpoint-override", endpoint.toString(),
                "tasks.table", TABLE);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new StoredTasks(storedTasksClient),
                new TestInjector.AnnotatedAndMatchesType(InjectStoredTasks.class, StoredTasks.class));
    }

    @Override
    public void stop() {
        if (storedTasksClient != null) {
            storedTasksClient.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
