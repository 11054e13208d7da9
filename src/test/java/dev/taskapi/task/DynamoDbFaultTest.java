package dev.taskapi.task;

import static dev.taskapi.task.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.taskapi.task.support.FaultyDynamoDb;
import dev.taskapi.task.support.FaultyProxy;
import dev.taskapi.task.support.FaultyProxy.Mode;
import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * DynamoDB unreachable, hung, throttling or refusing an item, made real by a proxy in front of a
 * dynalite of this test's own. While it fails, requests answer a 503 problem with Retry-After well
 * inside Lambda's and API Gateway's limits; once it is back, the same requests work again, with
 * nothing restarted.
 */
@QuarkusTest
@TestProfile(DynamoDbFaultTest.BehindAFaultyProxy.class)
class DynamoDbFaultTest {

    private static final Logger LOG = Logger.getLogger(DynamoDbFaultTest.class);

    /** The bound on a request while DynamoDB fails. A correctness bound, not a benchmark. */
    static final Duration BOUND = Duration.ofSeconds(10);
    static final String UNAVAILABLE = "urn:task-api:problem:unavailable";
    /** The SDK's attempts per call, first one included (see DynamoDbClientProducer). */
    static final int MAX_ATTEMPTS = 3;

    /** DynamoDB reached only through the proxy; no global test resource, so no second endpoint. */
    public static class BehindAFaultyProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FaultyDynamoDb.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @FaultyDynamoDb.Proxy
    FaultyProxy proxy;

    @Inject
    StoredTasks stored;

    String owner;
    String id;

    /** One request, named for the report of timings. */
    record Route(String name, Function<LambdaEvents.Request, Answer> send, int okStatus) {
    }

    @BeforeEach
    void anOwnerWithATask() {
        proxy.mode(Mode.PASS);
        owner = "faults-" + UUID.randomUUID();
        Answer created = LambdaEvents.as(owner).post("/tasks", "{\"title\": \"before the outage\"}");
        assertEquals(201, created.status(), created.body());
        id = created.json().getString("id");
    }

    @AfterEach
    void dynamoDbIsBack() {
        proxy.mode(Mode.PASS);
    }

    @ParameterizedTest
    @EnumSource(names = { "RESET", "THROTTLE" })
    void everyRoute_answers503Quickly_whileDynamoDbFails_thenRecovers(Mode fault) {
        proxy.mode(fault);

        for (Route route : everyRoute()) {
            assertUnavailable(fault, route);
        }

        proxy.mode(Mode.PASS);
        for (Route route : everyRoute()) {
            assertRecovered(route);
        }
    }

    @Test
    void whenDynamoDbNeverAnswers_getPostAndListAnswer503Within10s_thenRecover() {
        List<Route> routes = List.of(
                new Route("GET /tasks/{id}", as -> as.get("/tasks/" + id), 200),
                new Route("POST /tasks", as -> as.post("/tasks", "{\"title\": \"during\"}"), 201),
                new Route("GET /tasks", as -> as.get("/tasks"), 200));
        proxy.mode(Mode.BLACKHOLE);

        for (Route route : routes) {
            assertUnavailable(Mode.BLACKHOLE, route);
        }

        proxy.mode(Mode.PASS);
        for (Route route : routes) {
            assertRecovered(route);
        }
    }

    @Test
    void whenThrottled_theSdkRetriesAFewTimes_thenGivesUp() {
        proxy.mode(Mode.THROTTLE);
        proxy.resetAttempts();

        assertProblem(LambdaEvents.as(owner).get("/tasks/" + id), 503);

        // Retried, so a short burst of throttling is absorbed; but bounded, so an outage is quick to report.
        int attempts = proxy.attempts();
        assertTrue(attempts > 1 && attempts <= MAX_ATTEMPTS, attempts + " attempts");
    }

    @Test
    void whenDynamoDbRefusesTheItem_theAnswerIs400_andNothingIsStored() {
        proxy.mode(Mode.REJECT);
        proxy.resetAttempts();

        Answer create = LambdaEvents.as(owner).post("/tasks", "{\"title\": \"too big, says DynamoDB\"}");
        Answer update = LambdaEvents.as(owner).put("/tasks/" + id, "{\"title\": \"too big, says DynamoDB\"}");

        assertEquals("urn:task-api:problem:validation", assertProblem(create, 400).getString("type"));
        assertEquals("urn:task-api:problem:validation", assertProblem(update, 400).getString("type"));
        // A refusal is not an outage: the SDK does not retry it, since the same request cannot succeed.
        assertEquals(2, proxy.attempts());
        proxy.mode(Mode.PASS);
        assertEquals(1, stored.count(owner));
        assertEquals("before the outage", stored.item(owner, id).orElseThrow().get("title").s());
    }

    @Test
    void aCreateThatFailsMidway_releasesItsIdempotencyKey_soTheRetryGoesThrough() {
        String key = UUID.randomUUID().toString();
        String body = "{\"title\": \"pay the rent\"}";
        proxy.mode(Mode.THROTTLE_TASK_PUTS);

        // The key is claimed, then writing the task fails.
        assertProblem(LambdaEvents.as(owner).header("Idempotency-Key", key).post("/tasks", body), 503);

        proxy.mode(Mode.PASS);
        Answer retry = LambdaEvents.as(owner).header("Idempotency-Key", key).post("/tasks", body);

        // Without the release, the retry would be a 409 until the in-flight time ran out.
        assertEquals(201, retry.status(), retry.body());
        assertEquals(null, retry.header("Idempotent-Replayed"));
        assertEquals(2, stored.count(owner));
        assertEquals("true", LambdaEvents.as(owner).header("Idempotency-Key", key).post("/tasks", body)
                .header("Idempotent-Replayed"));
    }

    private List<Route> everyRoute() {
        return List.of(
                new Route("GET /tasks/{id}", as -> as.get("/tasks/" + id), 200),
                new Route("GET /tasks", as -> as.get("/tasks"), 200),
                new Route("GET /tasks?status=pending", as -> as.get("/tasks?status=pending"), 200),
                new Route("POST /tasks", as -> as.post("/tasks", "{\"title\": \"during\"}"), 201),
                new Route("PUT /tasks/{id}", as -> as.put("/tasks/" + id, "{\"status\": \"done\"}"), 200),
                new Route("DELETE /tasks/{id}", as -> as.delete("/tasks/" + id), 204));
    }

    private void assertUnavailable(Mode fault, Route route) {
        long start = System.nanoTime();
        Answer answer = route.send().apply(LambdaEvents.as(owner));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("%s: %s answered %d in %d ms", fault, route.name(), answer.status(), took.toMillis());

        assertEquals(UNAVAILABLE, assertProblem(answer, 503).getString("type"));
        assertNotNull(answer.header("Retry-After"), "Retry-After");
        assertTrue(took.compareTo(BOUND) < 0, route.name() + " took " + took);
    }

    private void assertRecovered(Route route) {
        Answer answer = route.send().apply(LambdaEvents.as(owner));
        assertEquals(route.okStatus(), answer.status(), route.name() + ": " + answer.body());
    }
}
