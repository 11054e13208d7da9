package dev.taskapi.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.taskapi.task.domain.NewTask;
import dev.taskapi.task.support.Concurrently;
import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import dev.taskapi.task.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Idempotency-Key on POST /tasks: a retry replays the first answer and creates nothing. Each test
 * acts as a user of its own, so counting that user's tasks counts what the test created.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class IdempotencyTest {

    static final String BODY = "{\"title\": \"Pay rent\", \"status\": \"pending\"}";
    static final int CALLERS = 8;

    private final String owner = "idem-" + UUID.randomUUID();
    private final String key = UUID.randomUUID().toString();

    @Inject
    StoredTasks stored;
    @Inject
    TestClock clock;
    @Inject
    DynamoDbClient dynamo;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void firstRequest_createsTheTask_withoutReplayHeader() {
        Answer first = post(key, BODY);

        assertEquals(201, first.status(), first.body());
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(1, stored.count(owner));
    }

    @Test
    void retry_withSameKeyAndBody_replaysTheFirstAnswer_andCreatesNothing() {
        Answer first = post(key, BODY);

        Answer retry = post(key, BODY);

        assertEquals(201, retry.status());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.body(), retry.body());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(1, stored.count(owner));
    }

    @Test
    void retry_replaysTheFirstAnswer_evenAfterTheTaskChanged() {
        Answer first = post(key, BODY);
        String id = first.json().getString("id");
        assertEquals(200, LambdaEvents.as(owner).put("/tasks/" + id, "{\"status\": \"done\"}").status());

        Answer retry = post(key, BODY);

        assertEquals(first.body(), retry.body());
    }

    @Test
    void retry_withTheSameRequestWrittenDifferently_isAReplay() {
        post(key, BODY);

        Answer retry = post(key, "{ \"status\" : \"pending\" ,\n \"title\": \"  Pay rent \" }");

        assertEquals(201, retry.status(), retry.body());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(1, stored.count(owner));
    }

    @Test
    void sameKey_withADifferentBody_is422_andCreatesNothing() {
        post(key, BODY);

        Answer other = post(key, "{\"title\": \"Something else\"}");

        assertEquals(422, other.status(), other.body());
        assertEquals("application/problem+json", other.header("Content-Type"));
        assertEquals("urn:task-api:problem:unprocessable", other.json().getString("type"));
        assertEquals(1, stored.count(owner));
    }

    @Test
    void keys_belongToOneOwner() {
        String bob = "idem-bob-" + UUID.randomUUID();

        Answer alices = post(key, BODY);
        Answer bobs = LambdaEvents.as(bob).header("Idempotency-Key", key).post("/tasks", BODY);

        assertEquals(201, bobs.status());
        assertNull(bobs.header("Idempotent-Replayed"));
        assertNotEquals(alices.json().getString("id"), bobs.json().getString("id"));
        assertEquals(1, stored.count(bob));
    }

    @Test
    void aQuotedKey_isTheSameKey() {
        post(key, BODY);

        Answer retry = post("\"" + key + "\"", BODY);

        assertEquals("true", retry.header("Idempotent-Replayed"));
    }

    @Test
    void invalidKeys_are400_andCreateNothing() {
        for (String bad : List.of("k".repeat(256), "has space", "ключ", "\"\"")) {
            Answer answer = post(bad, BODY);

            assertEquals(400, answer.status(), bad);
            assertEquals(List.of("Idempotency-Key"), answer.json().getList("errors.field"));
        }
        assertEquals(0, stored.count(owner));
        assertEquals(201, post("k".repeat(255), BODY).status());
    }

    @Test
    void anInvalidBody_withAKey_leavesTheKeyUnused() {
        assertEquals(400, post(key, "{\"title\": \"\"}").status());

        Answer valid = post(key, BODY);

        assertEquals(201, valid.status());
        assertNull(valid.header("Idempotent-Replayed"));
    }

    @Test
    void anExpiredKey_countsAsUnused_evenBeforeTtlDeletesIt() {
        post(key, BODY);
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        Answer reused = post(key, "{\"title\": \"A new month\"}");

        assertEquals(201, reused.status(), reused.body());
        assertNull(reused.header("Idempotent-Replayed"));
        assertEquals(2, stored.count(owner));
    }

    @Test
    void theRecord_carriesItsTtl() {
        long before = Instant.now().getEpochSecond();

        post(key, BODY);

        long expiresAt = Long.parseLong(record().get("expires_at").n());
        assertTrue(expiresAt >= before + Duration.ofHours(24).toSeconds(), "expires_at " + expiresAt);
    }

    @Test
    void aKeyInFlight_is409() {
        plantInFlightRecord(Instant.now().getEpochSecond() + 30, Optional.empty());

        Answer answer = post(key, BODY);

        assertEquals(409, answer.status(), answer.body());
        assertEquals("urn:task-api:problem:conflict", answer.json().getString("type"));
        assertEquals(0, stored.count(owner));
    }

    @Test
    void aKeyInFlight_withAnotherBody_is422() {
        plantInFlightRecord(Instant.now().getEpochSecond() + 30, Optional.empty());

        assertEquals(422, post(key, "{\"title\": \"Other\"}").status());
    }

    @Test
    void aKeyHeldPastTheLambdaTimeout_isTakenOver_withTheTaskIdItChose() {
        String chosenId = plantInFlightRecord(Instant.now().getEpochSecond() + 30, Optional.empty());
        clock.advance(Duration.ofSeconds(31));

        Answer answer = post(key, BODY);

        assertEquals(201, answer.status(), answer.body());
        assertEquals(chosenId, answer.json().getString("id"));
        assertEquals("true", post(key, BODY).header("Idempotent-Replayed"));
        assertEquals(1, stored.count(owner));
    }

    @Test
    void aTakeOver_findsTheTaskAnInterruptedAttemptWrote_insteadOfWritingASecond() {
        // The first attempt wrote its task, then its instance died before completing the record.
        String chosenId = plantInFlightRecord(Instant.now().getEpochSecond() - 1, Optional.empty());
        Answer written = LambdaEvents.as(owner).post("/tasks", BODY);
        assertEquals(201, written.status());
        int tasksBefore = stored.count(owner);
        moveTask(written.json().getString("id"), chosenId);

        Answer retry = post(key, BODY);

        assertEquals(201, retry.status(), retry.body());
        assertEquals(chosenId, retry.json().getString("id"));
        assertEquals(tasksBefore, stored.count(owner));
    }

    @Test
    void aReleasedKey_canBeRetriedAtOnce() {
        // What a failed create leaves: the record, released (in flight until 0).
        String chosenId = plantInFlightRecord(0, Optional.empty());

        Answer retry = post(key, BODY);

        assertEquals(201, retry.status(), retry.body());
        assertEquals(chosenId, retry.json().getString("id"));
    }

    @Test
    void simultaneousRequests_withOneKey_storeExactlyOneTask() throws Exception {
        List<Answer> answers = Concurrently.run(CALLERS, caller -> post(key, BODY));

        assertEquals(1, stored.count(owner));
        Set<String> ids = answers.stream().filter(a -> a.status() == 201)
                .map(a -> a.json().getString("id")).collect(Collectors.toSet());
        assertEquals(1, ids.size(), answers.toString());
        long fresh = answers.stream().filter(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null).count();
        assertEquals(1, fresh, answers.toString());
        assertTrue(answers.stream().allMatch(a -> a.status() == 201 || a.status() == 409), answers.toString());
    }

    @Test
    void simultaneousRequests_withDifferentKeys_storeOneTaskEach() throws Exception {
        List<Answer> answers = Concurrently.run(CALLERS, caller -> post(key + "-" + caller, BODY));

        assertTrue(answers.stream().allMatch(a -> a.status() == 201), answers.toString());
        assertEquals(CALLERS, stored.count(owner));
    }

    private Answer post(String idempotencyKey, String body) {
        return LambdaEvents.as(owner).header("Idempotency-Key", idempotencyKey).post("/tasks", body);
    }

    private Map<String, AttributeValue> record() {
        return dynamo.getItem(get -> get.tableName(LocalDynamoDb.TABLE).consistentRead(true)
                .key(Map.of("owner", AttributeValue.fromS(owner), "id", AttributeValue.fromS("~idempotency#" + key))))
                .item();
    }

    /** Writes the record an instance leaves while it processes {@link #BODY} under the key; returns its task id. */
    private String plantInFlightRecord(long inFlightUntil, Optional<String> taskId) {
        String chosen = taskId.orElse("01890a5d-ac96-7" + String.format("%03x", (int) (Math.random() * 4095))
                + "-8cce-b302099a8057");
        NewTask request = new NewTask("Pay rent", Optional.empty(), Optional.of(dev.taskapi.task.domain.TaskStatus.PENDING));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("owner", AttributeValue.fromS(owner));
        item.put("id", AttributeValue.fromS("~idempotency#" + key));
        item.put("fingerprint", AttributeValue.fromS(request.fingerprint()));
        item.put("task_id", AttributeValue.fromS(chosen));
        item.put("claim", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 86_400)));
        item.put("in_flight_until", AttributeValue.fromN(Long.toString(inFlightUntil)));
        dynamo.putItem(put -> put.tableName(LocalDynamoDb.TABLE).item(item));
        return chosen;
    }

    /** Gives a stored task another id, as if it had been written under that id. */
    private void moveTask(String from, String to) {
        Map<String, AttributeValue> key = Map.of("owner", AttributeValue.fromS(owner), "id", AttributeValue.fromS(from));
        Map<String, AttributeValue> item = new HashMap<>(dynamo.getItem(get -> get
                .tableName(LocalDynamoDb.TABLE).consistentRead(true).key(key)).item());
        item.put("id", AttributeValue.fromS(to));
        dynamo.putItem(put -> put.tableName(LocalDynamoDb.TABLE).item(item));
        dynamo.deleteItem(delete -> delete.tableName(LocalDynamoDb.TABLE).key(key));
    }
}
