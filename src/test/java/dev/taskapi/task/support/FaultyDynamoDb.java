package dev.taskapi.task.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Optional;

import dev.taskapi.local.Dynalite;
import dev.taskapi.local.LocalTable;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB the fault tests own: a fresh dynalite with the table, reached only through a
 * {@link FaultyProxy}, which the test gets in its field annotated {@link Proxy}.
 */
public class FaultyDynamoDb implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Proxy {
    }

    private Dynalite dynalite;
    private FaultyProxy proxy;

    @Override
    public Map<String, String> start() {
        dynalite = Dynalite.start(Dynalite.freePort(), Optional.empty());
        try (DynamoDbClient dynamo = LocalDynamoDb.client(dynalite.endpoint())) {
            LocalTable.createIfMissing(dynamo, LocalDynamoDb.TABLE);
        }
        proxy = FaultyProxy.start(dynalite.endpoint());
        return Map.of(
                "quarkus.dynamodb.endpoint-override", proxy.endpoint().toString(),
                "tasks.table", LocalDynamoDb.TABLE);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(Proxy.class, FaultyProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }
}
