package dev.taskapi.task;

import static dev.taskapi.task.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two users, route by route (OWASP API1, broken object level authorization): what one owns, the
 * other can neither see nor change, and cannot even learn that it exists. Each test has its own
 * users, so tests share no data.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class IsolationTest {

    static final String DEFAULT_OWNER = "local";
    static final String MISSING_ID = "01890a5d-ac96-774b-bcce-b302099a8057";

    @Inject
    StoredTasks stored;

    String alice;
    String bob;

    @BeforeEach
    void twoUsers() {
        String run = UUID.randomUUID().toString();
        alice = "alice-" + run;
        bob = "bob-" + run;
    }

    @Test
    void find_returns404_notForbidden_forAnotherUsersTask() {
        String id = created(alice, "{\"title\": \"Alice's secret\"}");

        Answer answer = LambdaEvents.as(bob).get("/tasks/" + id);

        assertProblem(answer, 404);
        assertFalse(answer.body().contains("Alice's secret"));
        assertEquals(200, LambdaEvents.as(alice).get("/tasks/" + id).status());
    }

    @Test
    void anotherUsersTask_looksExactlyLikeAMissingOne() {
        String id = created(alice, "{\"title\": \"exists\"}");

        Answer foreign = LambdaEvents.as(bob).get("/tasks/" + id);
        Answer missing = LambdaEvents.as(bob).get("/tasks/" + MISSING_ID);

        // Any difference would tell bob which ids exist.
        assertEquals(missing.status(), foreign.status());
        assertEquals(missing.body(), foreign.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\"1\"", "*" })
    void update_returns404_andLeavesAnotherUsersTaskUnchanged(String ifMatch) {
        String id = created(alice, "{\"title\": \"Alice's\", \"description\": \"hers\"}");
        Map<String, AttributeValue> before = stored.item(alice, id).orElseThrow();

        LambdaEvents.Request request = LambdaEvents.as(bob);
        if (!ifMatch.isEmpty()) {
            request.header("If-Match", ifMatch);
        }
        Answer answer = request.put("/tasks/" + id, "{\"title\": \"Bob was here\", \"status\": \"done\"}");

        assertProblem(answer, 404);
        assertEquals(before, stored.item(alice, id).orElseThrow());
        // Nor did the update create a copy in bob's partition.
        assertFalse(stored.item(bob, id).isPresent());
        assertEquals(0, stored.count(bob));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\"1\"", "*" })
    void delete_returns404_andLeavesAnotherUsersTaskInPlace(String ifMatch) {
        String id = created(alice, "{\"title\": \"Keep me\"}");
        Map<String, AttributeValue> before = stored.item(alice, id).orElseThrow();

        LambdaEvents.Request request = LambdaEvents.as(bob);
        if (!ifMatch.isEmpty()) {
            request.header("If-Match", ifMatch);
        }
        Answer answer = request.delete("/tasks/" + id);

        assertProblem(answer, 404);
        assertEquals(before, stored.item(alice, id).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({ "'', true", "?status=pending, false", "?status=in_progress, false", "?status=done, true",
            "?limit=100, true" })
    void list_neverShowsAnotherUsersTasks(String query, boolean showsBobsTask) {
        created(alice, "{\"title\": \"a1\", \"status\": \"pending\"}");
        created(alice, "{\"title\": \"a2\", \"status\": \"in_progress\"}");
        created(alice, "{\"title\": \"a3\", \"status\": \"done\"}");
        String bobs = created(bob, "{\"title\": \"b1\", \"status\": \"done\"}");

        Answer answer = LambdaEvents.as(bob).get("/tasks" + query);

        assertEquals(200, answer.status(), answer.body());
        List<String> ids = answer.json().getList("tasks.id", String.class);
        assertEquals(showsBobsTask ? List.of(bobs) : List.of(), ids);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "&status=pending" })
    void nextToken_issuedToOneUser_is400ForAnother(String filter) {
        created(alice, "{\"title\": \"a1\"}");
        created(alice, "{\"title\": \"a2\"}");
        created(bob, "{\"title\": \"b1\"}");
        created(bob, "{\"title\": \"b2\"}");
        String alicesToken = LambdaEvents.as(alice).get("/tasks?limit=1" + filter).json().getString("next_token");
        assertNotNull(alicesToken);

        Answer answer = LambdaEvents.as(bob).get("/tasks?limit=1" + filter + "&next_token=" + alicesToken);

        assertEquals("next_token", assertProblem(answer, 400).getString("errors[0].field"));
        // The token still works for alice: the 400 is about who asks, not a broken token.
        assertEquals(200, LambdaEvents.as(alice).get("/tasks?limit=1" + filter + "&next_token=" + alicesToken).status());
    }

    @Test
    void create_refusesAnOwnerInTheBody_andStoresNothing() {
        Answer answer = LambdaEvents.as(bob).post("/tasks", "{\"title\": \"mine now\", \"owner\": \"" + alice + "\"}");

        assertEquals("owner", assertProblem(answer, 400).getString("errors[0].field"));
        assertEquals(0, stored.count(alice));
        assertEquals(0, stored.count(bob));
    }

    @Test
    void update_refusesAnOwnerInTheBody_andLeavesTheTaskUnchanged() {
        String id = created(bob, "{\"title\": \"Bob's\"}");
        Map<String, AttributeValue> before = stored.item(bob, id).orElseThrow();

        Answer answer = LambdaEvents.as(bob).put("/tasks/" + id, "{\"title\": \"moved\", \"owner\": \"" + alice + "\"}");

        assertEquals("owner", assertProblem(answer, 400).getString("errors[0].field"));
        assertEquals(before, stored.item(bob, id).orElseThrow());
        assertFalse(stored.item(alice, id).isPresent());
    }

    @Test
    void ownerQueryParameter_isIgnored_onEveryRoute() {
        String alicesId = created(alice, "{\"title\": \"Alice's\"}");

        // Create: the task is bob's, whatever the query says.
        Answer create = LambdaEvents.as(bob).post("/tasks?owner=" + alice, "{\"title\": \"Bob's\"}");
        assertEquals(201, create.status(), create.body());
        String bobsId = create.json().getString("id");
        assertTrue(stored.item(bob, bobsId).isPresent());
        assertFalse(stored.item(alice, bobsId).isPresent());

        // Read, list, update, delete: only bob's partition.
        assertEquals(404, LambdaEvents.as(bob).get("/tasks/" + alicesId + "?owner=" + alice).status());
        assertEquals(List.of(bobsId),
                LambdaEvents.as(bob).get("/tasks?owner=" + alice).json().getList("tasks.id", String.class));
        assertEquals(404, LambdaEvents.as(bob).put("/tasks/" + alicesId + "?owner=" + alice, "{\"title\": \"x\"}").status());
        assertEquals(404, LambdaEvents.as(bob).delete("/tasks/" + alicesId + "?owner=" + alice).status());
        assertEquals("Alice's", stored.item(alice, alicesId).orElseThrow().get("title").s());
    }

    @Test
    void withAuthOff_aRequestWithoutClaims_actsAsTheDefaultOwner() {
        Answer answer = LambdaEvents.as(null).post("/tasks", "{\"title\": \"anonymous\"}");

        assertEquals(201, answer.status(), answer.body());
        String id = answer.json().getString("id");
        assertTrue(stored.item(DEFAULT_OWNER, id).isPresent());
        assertEquals(200, LambdaEvents.as(null).get("/tasks/" + id).status());
    }

    @Test
    void withAuthOff_aRequestWithClaims_stillActsAsItsSub() {
        Answer answer = LambdaEvents.as(alice).post("/tasks", "{\"title\": \"signed in\"}");

        assertEquals(201, answer.status(), answer.body());
        String id = answer.json().getString("id");
        assertTrue(stored.item(alice, id).isPresent());
        assertFalse(stored.item(DEFAULT_OWNER, id).isPresent());
        // The default owner cannot reach it either.
        assertEquals(404, LambdaEvents.as(null).get("/tasks/" + id).status());
    }

    private static String created(String owner, String json) {
        Answer answer = LambdaEvents.as(owner).post("/tasks", json);
        assertEquals(201, answer.status(), answer.body());
        return answer.json().getString("id");
    }
}
