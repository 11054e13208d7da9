package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.Concurrently;
import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** ETag and If-Match: optimistic concurrency whose check is the DynamoDB write condition itself. */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class ConditionalWriteTest {

    static final String OWNER = "local";
    static final int WRITERS = 8;

    @Inject
    StoredTasks stored;

    @Test
    void update_withCurrentIfMatch_succeeds_andReturnsTheNextEtag() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");

        put(id, "\"1\"", "{\"title\": \"v2\"}")
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("title", equalTo("v2"));
    }

    @Test
    void update_withStaleIfMatch_returns412_andChangesNothing() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");
        put(id, "\"1\"", "{\"title\": \"v2\"}").then().statusCode(200);

        put(id, "\"1\"", "{\"title\": \"stale\"}")
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:task-api:problem:precondition-failed"));

        assertEquals("v2", stored.item(OWNER, id).orElseThrow().get("title").s());
        assertEquals("2", stored.item(OWNER, id).orElseThrow().get("version").n());
    }

    @Test
    void update_withWeakOrMalformedIfMatch_returns412() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");

        for (String ifMatch : List.of("W/\"1\"", "1", "\"one\"", "\"2\", W/\"1\"")) {
            put(id, ifMatch, "{\"title\": \"x\"}").then().statusCode(412);
        }
        assertEquals("1", stored.item(OWNER, id).orElseThrow().get("version").n());
    }

    @Test
    void update_withAListOfTags_succeedsIfAnyIsCurrent() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");

        put(id, "\"7\", \"1\"", "{\"title\": \"v2\"}").then().statusCode(200);
        put(id, "\"1\", \"3\"", "{\"title\": \"v3\"}").then().statusCode(412);
    }

    @Test
    void update_withIfMatchStar_requiresOnlyThatTheTaskExists() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");

        put(id, "*", "{\"title\": \"v2\"}").then().statusCode(200);
        put(TaskCrudTest.MISSING_ID, "*", "{\"title\": \"v2\"}").then().statusCode(404);
    }

    @Test
    void update_ofMissingTask_withIfMatch_is404_not412() {
        put(TaskCrudTest.MISSING_ID, "\"1\"", "{\"title\": \"x\"}").then().statusCode(404);
        assertTrue(stored.item(OWNER, TaskCrudTest.MISSING_ID).isEmpty());
    }

    @Test
    void update_withoutIfMatch_isLastWriterWins() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");

        put(id, null, "{\"title\": \"first\"}").then().statusCode(200);
        put(id, null, "{\"title\": \"second\"}").then().statusCode(200).header("ETag", "\"3\"");
    }

    @Test
    void delete_withStaleIfMatch_returns412_andKeepsTheTask() {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");
        put(id, null, "{\"title\": \"v2\"}").then().statusCode(200);

        given().header("If-Match", "\"1\"").when().delete("/tasks/{id}", id)
                .then().statusCode(412).contentType("application/problem+json");
        assertTrue(stored.item(OWNER, id).isPresent());

        given().header("If-Match", "\"2\"").when().delete("/tasks/{id}", id).then().statusCode(204);
        assertTrue(stored.item(OWNER, id).isEmpty());
    }

    @Test
    void concurrentUpdates_fromTheSameVersion_exactlyOneWins() throws Exception {
        String id = TaskCrudTest.createdId("{\"title\": \"v1\"}");

        List<Integer> statuses = Concurrently.run(WRITERS,
                writer -> put(id, "\"1\"", "{\"title\": \"writer " + writer + "\"}").statusCode());

        assertEquals(1, Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(WRITERS - 1, Collections.frequency(statuses, 412), statuses.toString());
        assertEquals("2", stored.item(OWNER, id).orElseThrow().get("version").n());
    }

    @Test
    void concurrentReadModifyWrites_withIfMatch_loseNoUpdate() throws Exception {
        String id = TaskCrudTest.createdId("{\"title\": \"counter\", \"description\": \"\"}");

        // Each writer appends its mark to the description, retrying on 412 as a client should.
        List<Integer> attempts = Concurrently.run(WRITERS, writer -> {
            for (int attempt = 1; attempt <= 50; attempt++) {
                Response current = given().when().get("/tasks/{id}", id);
                String description = current.path("description");
                Response written = put(id, current.header("ETag"),
                        "{\"description\": \"" + description + "[" + writer + "]\"}");
                if (written.statusCode() == 200) {
                    return attempt;
                }
                assertEquals(412, written.statusCode(), written.asString());
            }
            throw new AssertionError("writer " + writer + " never got through");
        });

        String description = stored.item(OWNER, id).orElseThrow().get("description").s();
        for (int writer = 0; writer < WRITERS; writer++) {
            assertTrue(description.contains("[" + writer + "]"), "lost update of writer " + writer + ": " + description);
        }
        assertEquals(String.valueOf(1 + WRITERS), stored.item(OWNER, id).orElseThrow().get("version").n());
        assertEquals(WRITERS, attempts.size());
    }

    static Response put(String id, String ifMatch, String json) {
        var request = given().contentType(ContentType.JSON).body(json);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put("/tasks/{id}", id);
    }
}
