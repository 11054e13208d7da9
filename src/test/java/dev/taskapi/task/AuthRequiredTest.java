package dev.taskapi.task;

import static dev.taskapi.task.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * With {@code TASKS_AUTH_REQUIRED=true}, as the templates deploy it: a request that reaches the
 * function without the authorizer's claims is a 401 on every route and touches nothing.
 */
@QuarkusTest
@TestProfile(AuthRequiredTest.AuthRequired.class)
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class AuthRequiredTest {

    static final String DEFAULT_OWNER = "local";
    static final String UNAUTHORIZED = "urn:task-api:problem:unauthorized";

    /** Authentication on; nothing else changed. */
    public static class AuthRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tasks.auth-required", "true");
        }
    }

    @Inject
    StoredTasks stored;

    String alice;
    String id;
    Map<String, AttributeValue> before;

    @BeforeEach
    void aliceHasATask() {
        alice = "alice-" + UUID.randomUUID();
        Answer created = LambdaEvents.as(alice).post("/tasks", "{\"title\": \"Alice's\"}");
        assertEquals(201, created.status(), created.body());
        id = created.json().getString("id");
        before = stored.item(alice, id).orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /tasks                 |",
            "GET    | /tasks?status=pending  |",
            "GET    | /tasks/{id}            |",
            "POST   | /tasks                 | {\"title\": \"anonymous\"}",
            "PUT    | /tasks/{id}            | {\"title\": \"anonymous\"}",
            "DELETE | /tasks/{id}            |",
            // Authentication comes before validation: an anonymous caller learns nothing, not even that.
            "POST   | /tasks                 | {\"title\": 12}",
            "PUT    | /tasks/{id}            | {}",
            "GET    | /tasks?limit=abc       |",
    })
    void withoutClaims_everyRouteIs401_andTouchesNothing(String method, String path, String body) {
        Answer answer = LambdaEvents.as(null).send(method, path.replace("{id}", id), body);

        assertEquals(UNAUTHORIZED, assertProblem(answer, 401).getString("type"));
        assertEquals("Bearer", answer.header("WWW-Authenticate"));
        assertEquals(before, stored.item(alice, id).orElseThrow());
        assertEquals(1, stored.count(alice));
        assertEquals(0, stored.count(DEFAULT_OWNER));
    }

    @Test
    void openApiDocument_isPublic() {
        // The document was public when the Quarkus extension served it; its own route keeps it so.
        Answer answer = LambdaEvents.as(null).get("/q/openapi?format=json");

        assertEquals(200, answer.status(), answer.body());
        assertEquals("Task API", answer.json().getString("info.title"));
    }

    @Test
    void withABlankSub_isAlso401() {
        Answer answer = LambdaEvents.as(" ").get("/tasks/" + id);

        assertProblem(answer, 401);
    }

    @Test
    void withClaims_everyRouteWorks() {
        LambdaEvents.Request asAlice = LambdaEvents.as(alice);

        assertEquals(200, asAlice.get("/tasks/" + id).status());
        assertEquals(1, asAlice.get("/tasks").json().getInt("count"));
        assertEquals(201, asAlice.post("/tasks", "{\"title\": \"another\"}").status());
        assertEquals(200, asAlice.put("/tasks/" + id, "{\"status\": \"done\"}").status());
        assertEquals(204, asAlice.delete("/tasks/" + id).status());
        assertTrue(stored.item(alice, id).isEmpty());
        assertEquals(1, stored.count(alice));
    }
}
