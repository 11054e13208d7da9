package dev.taskapi.task.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

import dev.taskapi.task.config.TaskConfig;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.runtime.StartupEvent;

/**
 * Before a SnapStart snapshot, sends two requests through the Lambda handler, so that the snapshot
 * holds the whole request path ready (the API Gateway event, the HTTP layer, routing, the caller's
 * claims, the DynamoDB client with its signing and HTTP stack, JSON and problem answers) instead
 * of the first request after every restore loading and linking it. Both only read, as an owner no
 * one has: a task that does not exist (a GetItem and a 404) and a page of tasks (a Query).
 * <p>
 * Lambda calls the hook ({@code beforeCheckpoint}, through the org.crac API) only when it takes a
 * snapshot. It cannot run earlier: the handler's HTTP layer opens after start-up. Without SnapStart
 * (provisioned concurrency) {@code DynamoDbPriming} gets the client ready during start-up instead.
 * {@code tasks.prime=never} turns both off.
 */
@Singleton
public class SnapshotPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapshotPriming.class);
    /** No one has this owner: its tasks are none. */
    static final String OWNER = "~priming";
    /** A well-formed id (others are answered without a read) of the Unix epoch, which no task has. */
    static final String MISSING_ID = "00000000-0000-7000-8000-000000000000";

    private final boolean enabled;
    private final List<Integer> answers = new ArrayList<>();

    public SnapshotPriming(TaskConfig config) {
        this.enabled = switch (config.prime()) {
            case ALWAYS -> true;
            case NEVER -> false;
            // Only a SnapStart init ends in a snapshot; elsewhere the hook would never be called.
            case AUTO -> "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        };
    }

    void register(@Observes StartupEvent startup) {
        if (enabled) {
            // The global context holds its resources weakly; this bean is a singleton, so it stays.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long start = System.nanoTime();
        LambdaHttpHandler handler = new LambdaHttpHandler();
        // The handler answers every failure, a DynamoDB it cannot reach included, with a status;
        // a snapshot must be taken either way.
        List<Integer> answered = List.of(
                handler.handleRequest(get("/tasks/" + MISSING_ID, ""), null).getStatusCode(),
                handler.handleRequest(get("/tasks", "limit=1"), null).getStatusCode());
        answers.addAll(answered);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (answered.equals(List.of(404, 200))) {
            LOG.infof("Primed the request path for the snapshot in %d ms", millis);
        } else {
            LOG.warnf("Priming the request path for the snapshot answered %s, not [404, 200], in %d ms; "
                    + "the first request after a restore does what failed", answered, millis);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to redo: the DynamoDB client replaces a connection that did not survive the restore.
    }

    /** The statuses of the priming requests so far, in order. */
    List<Integer> answers() {
        return List.copyOf(answers);
    }

    private static APIGatewayV2HTTPEvent get(String path, String query) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withHeaders(Map.of("accept", "application/json"))
                .withRequestContext(RequestContext.builder()
                        .withRequestId("priming")
                        .withHttp(RequestContext.Http.builder()
                                .withMethod("GET").withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                                .build())
                        .withAuthorizer(RequestContext.Authorizer.builder()
                                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(Map.of("sub", OWNER)).build())
                                .build())
                        .build())
                .build();
    }
}
