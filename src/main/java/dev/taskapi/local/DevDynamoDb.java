package dev.taskapi.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.taskapi.task.config.TaskConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Dev mode only (the bean does not exist in a prod build): when the DynamoDB endpoint is the one
 * application.properties gives dev mode and nothing listens there yet, starts dynalite with its data
 * under {@code target/}; then
 * creates the table if it is missing. The dynalite process outlives live reloads (a reload finds
 * it listening and keeps it) and ends with the JVM.
 */
@Singleton
@IfBuildProfile("dev")
public class DevDynamoDb {

    private static final Logger LOG = Logger.getLogger(DevDynamoDb.class);

    /** The endpoint application.properties gives dev mode; any other one is the user's own. */
    static final URI MANAGED_ENDPOINT = URI.create("http://localhost:4567");

    private final Optional<URI> endpoint;

    public DevDynamoDb(@ConfigProperty(name = "quarkus.dynamodb.endpoint-override") Optional<URI> endpoint) {
        this.endpoint = endpoint;
    }

    void start(@Observes @Priority(1) StartupEvent startup, DynamoDbClient dynamo, TaskConfig config) {
        int port = MANAGED_ENDPOINT.getPort();
        if (endpoint.filter(MANAGED_ENDPOINT::equals).isPresent() && !Dynalite.isListening(port)) {
            Dynalite dynalite = Dynalite.start(port, Optional.of(Path.of("target", "dynalite-data").toAbsolutePath()));
            Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close, "dynalite-stop"));
        }
        if (LocalTable.createIfMissing(dynamo, config.table())) {
            LOG.infof("Created table %s on %s", config.table(), endpoint.map(URI::toString).orElse("DynamoDB"));
        }
    }
}
