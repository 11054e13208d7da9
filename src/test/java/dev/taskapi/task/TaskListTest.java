package dev.taskapi.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /tasks: Queries, newest first, paginated with opaque tokens. Each test lists for a user of
 * its own, so tasks made by other tests never show up.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class TaskListTest {

    private final String owner = "list-" + UUID.randomUUID();

    @Test
    void list_returnsNewestFirst_withCount_andNoTokenOnTheLastPage() {
        List<String> ids = create(3, "pending");

        Answer answer = LambdaEvents.as(owner).get("/tasks");

        assertEquals(200, answer.status());
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), answer.json().getList("tasks.id"));
        assertEquals(3, answer.json().getInt("count"));
        // next_token is absent, not null, on the last page.
        assertTrue(!answer.body().contains("next_token"), answer.body());
    }

    @Test
    void list_ofNothing_isAnEmptyPage() {
        Answer answer = LambdaEvents.as(owner).get("/tasks");

        assertEquals(200, answer.status());
        assertEquals(List.of(), answer.json().getList("tasks"));
        assertEquals(0, answer.json().getInt("count"));
    }

    @Test
    void pages_coverEveryTaskOnce_newestFirst_withoutGapsOrDuplicates() {
        List<String> ids = create(7, "pending");
        List<String> expected = new ArrayList<>(ids);
        expected.sort(Comparator.reverseOrder());

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 10; page++) {
            Answer answer = LambdaEvents.as(owner).get("/tasks?limit=3" + (token == null ? "" : "&next_token=" + token));
            assertEquals(200, answer.status(), answer.body());
            List<String> pageIds = answer.json().getList("tasks.id");
            seen.addAll(pageIds);
            pageSizes.add(pageIds.size());
            token = answer.json().getString("next_token");
            if (token == null) {
                break;
            }
        }

        assertEquals(expected, seen);
        assertEquals(List.of(3, 3, 1), pageSizes);
    }

    @Test
    void aFullLastPage_promisesNoNextPage() {
        create(4, "pending");

        Answer first = LambdaEvents.as(owner).get("/tasks?limit=2");
        Answer second = LambdaEvents.as(owner).get("/tasks?limit=2&next_token=" + first.json().getString("next_token"));

        assertNotNull(first.json().getString("next_token"));
        assertEquals(2, second.json().getInt("count"));
        assertNull(second.json().getString("next_token"));
    }

    @Test
    void limit_defaultsTo20() {
        create(21, "pending");

        Answer answer = LambdaEvents.as(owner).get("/tasks");

        assertEquals(20, answer.json().getInt("count"));
        assertNotNull(answer.json().getString("next_token"));
    }

    @Test
    void statusFilter_returnsOnlyThatStatus_newestFirst_acrossPages() {
        List<String> pending = create(2, "pending");
        List<String> done = create(3, "done");
        create(1, "in_progress");

        Answer first = LambdaEvents.as(owner).get("/tasks?status=done&limit=2");
        Answer second = LambdaEvents.as(owner).get("/tasks?status=done&limit=2&next_token="
                + first.json().getString("next_token"));
        Answer pendingPage = LambdaEvents.as(owner).get("/tasks?status=pending");

        assertEquals(List.of(done.get(2), done.get(1)), first.json().getList("tasks.id"));
        assertEquals(List.of(done.get(0)), second.json().getList("tasks.id"));
        assertNull(second.json().getString("next_token"));
        assertEquals(List.of(pending.get(1), pending.get(0)), pendingPage.json().getList("tasks.id"));
        assertTrue(first.json().getList("tasks.status").stream().allMatch("done"::equals));
    }

    @Test
    void statusFilter_followsUpdates() {
        String id = create(1, "pending").get(0);

        Answer updated = LambdaEvents.as(owner).put("/tasks/" + id, "{\"status\": \"done\"}");

        assertEquals(200, updated.status());
        assertEquals(List.of(), LambdaEvents.as(owner).get("/tasks?status=pending").json().getList("tasks"));
        assertEquals(List.of(id), LambdaEvents.as(owner).get("/tasks?status=done").json().getList("tasks.id"));
    }

    @Test
    void aTokenFromOneFilter_isRefusedByAnother() {
        create(3, "done");
        String doneToken = LambdaEvents.as(owner).get("/tasks?status=done&limit=1").json().getString("next_token");

        assertInvalid(LambdaEvents.as(owner).get("/tasks?limit=1&next_token=" + doneToken), "next_token");
        assertInvalid(LambdaEvents.as(owner).get("/tasks?status=pending&limit=1&next_token=" + doneToken), "next_token");
    }

    @Test
    void forgedOrTruncatedTokens_are400_neverData() {
        create(3, "pending");
        String token = LambdaEvents.as(owner).get("/tasks?limit=1").json().getString("next_token");

        for (String bad : List.of("abc", token.substring(0, token.length() - 3), token + "AA",
                "dDF8eHx8MDE4OTBhNWQtYWM5Ni03NzRiLWJjY2UtYjMwMjA5OWE4MDU3", "x".repeat(600))) {
            assertInvalid(LambdaEvents.as(owner).get("/tasks?next_token=" + bad), "next_token");
        }
    }

    @Test
    void badLimitOrStatus_is400_naming_theParameter() {
        for (String limit : List.of("0", "101", "-1", "abc", "1.5", "20x", "007")) {
            assertInvalid(LambdaEvents.as(owner).get("/tasks?limit=" + limit), "limit");
        }
        for (String status : List.of("DONE", "archived", "pending,done")) {
            assertInvalid(LambdaEvents.as(owner).get("/tasks?status=" + status), "status");
        }
    }

    @Test
    void everyInvalidParameter_isNamed_inOneAnswer() {
        Answer answer = LambdaEvents.as(owner).get("/tasks?status=later&limit=0&next_token=" + "x".repeat(513));

        assertEquals(400, answer.status(), answer.body());
        assertEquals(List.of("limit", "next_token", "status"), answer.json().getList("errors.field"));
        assertEquals(List.of("must be an integer from 1 to 100", "is not a token this API issued",
                "must be one of pending, in_progress, done"), answer.json().getList("errors.message"));
        assertEquals("limit: must be an integer from 1 to 100; next_token: is not a token this API issued; "
                + "status: must be one of pending, in_progress, done", answer.json().getString("detail"));
    }

    @Test
    void emptyParameters_countAsAbsent() {
        create(1, "pending");

        Answer answer = LambdaEvents.as(owner).get("/tasks?status=&limit=&next_token=");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, answer.json().getInt("count"));
    }

    @Test
    void limit_acceptsTheWholeRange() {
        create(2, "pending");

        assertEquals(1, LambdaEvents.as(owner).get("/tasks?limit=1").json().getInt("count"));
        assertEquals(2, LambdaEvents.as(owner).get("/tasks?limit=100").json().getInt("count"));
    }

    private static void assertInvalid(Answer answer, String field) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"), answer.headers() + " " + answer.body());
        assertEquals("urn:task-api:problem:validation", answer.json().getString("type"));
        assertEquals(List.of(field), answer.json().getList("errors.field"), answer.body());
    }

    /** Creates {@code count} tasks for this test's owner, oldest first. */
    private List<String> create(int count, String status) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Answer answer = LambdaEvents.as(owner).post("/tasks",
                    "{\"title\": \"task " + i + "\", \"status\": \"" + status + "\"}");
            assertEquals(201, answer.status(), answer.body());
            ids.add(answer.json().getString("id"));
        }
        return ids;
    }
}
