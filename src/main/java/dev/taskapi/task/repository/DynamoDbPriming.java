package dev.taskapi.task.repository;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.taskapi.task.config.TaskConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Gets the DynamoDB client ready during start-up, when no request waits for it: before a SnapStart
 * snapshot, or for provisioned concurrency. It builds the client (a few thousand SDK classes loaded
 * and linked) and makes one GetItem of a key that never exists (signing, marshalling, the HTTP
 * stack), which otherwise costs the first request about 350 ms under C1. A connection it leaves
 * open does not survive a SnapStart restore; the client then opens another.
 * <p>
 * In an on-demand start the first request waits for the start-up, so priming there would only move
 * that time; on a thread of its own beside both it saved nothing either (measured, see bench/).
 * Under SnapStart, {@code SnapshotPriming} then takes whole requests through the handler before
 * the snapshot.
 */
@Singleton
public class DynamoDbPriming {

    private static final Logger LOG = Logger.getLogger(DynamoDbPriming.class);
    /** No task has this owner: the read finds nothing. */
    static final String OWNER = "~priming";
    static final String ID = "~";

    private final boolean enabled;

    public DynamoDbPriming(TaskConfig config) {
        this.enabled = switch (config.prime()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !"on-demand".equals(System.getenv().getOrDefault("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
        };
    }

    void prime(@Observes StartupEvent startup, TaskRepository repository) {
        if (!enabled) {
            return;
        }
        try {
            repository.find(OWNER, ID);
        } catch (RuntimeException e) {
            // The snapshot is still good; the first request after a restore builds what is missing.
            LOG.infof("Priming the DynamoDB client failed (%s)", e.getClass().getSimpleName());
        }
    }
}
