package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.InjectStoredTasks;
import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Create, read, update and delete, through the API Gateway v2 event path, against dynalite. */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class TaskCrudTest {

    static final String OWNER = "local";
    static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    static final String MISSING_ID = "01890a5d-ac96-774b-bcce-b302099a8057";

    @InjectStoredTasks
    StoredTasks stored;

    @Test
    void create_returns201_withLocationEtagAndDefaults() {
        long before = Instant.now().getEpochSecond();

        ValidatableResponse created = create("{\"title\": \"  Buy milk  \"}")
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", "\"1\"")
                .body("id", matchesPattern(UUID_V7))
                .body("title", equalTo("Buy milk"))
                .body("description", equalTo(""))
                .body("status", equalTo("pending"))
                .body("created_at", greaterThanOrEqualTo((int) before))
                .body("version", equalTo(1));
        String id = created.extract().path("id");
        created.header("Location", "/tasks/" + id);
        int createdAt = created.extract().path("created_at");
        created.body("updated_at", equalTo(createdAt));

        Map<String, AttributeValue> item = stored.item(OWNER, id).orElseThrow();
        assertEquals("Buy milk", item.get("title").s());
        assertEquals("pending", item.get("status").s());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void create_keepsGivenDescriptionAndStatus() {
        create("{\"title\": \"Report\", \"description\": \"Q3 figures\\nand charts\", \"status\": \"in_progress\"}")
                .statusCode(201)
                .body("description", equalTo("Q3 figures\nand charts"))
                .body("status", equalTo("in_progress"));
    }

    @Test
    void ids_sortByCreationTime() {
        String first = createdId("{\"title\": \"first\"}");
        String second = createdId("{\"title\": \"second\"}");

        assertTrue(first.compareTo(second) < 0, first + " should sort before " + second);
    }

    @Test
    void find_returnsTheTaskWithItsEtag() {
        String id = createdId("{\"title\": \"Find me\", \"status\": \"done\"}");

        given().when().get("/tasks/{id}", id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body("id", equalTo(id))
                .body("title", equalTo("Find me"))
                .body("status", equalTo("done"));
    }

    @Test
    void find_returns404Problem_whenTaskIsMissing() {
        given().when().get("/tasks/{id}", MISSING_ID)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:task-api:problem:not-found"))
                .body("status", equalTo(404))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    @Test
    void find_returns404_whenIdIsNotAUuid() {
        given().when().get("/tasks/{id}", "not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void update_changesOnlyTheGivenFields_bumpsVersionAndUpdatedAt() throws InterruptedException {
        String id = createdId("{\"title\": \"Draft\", \"description\": \"keep me\"}");
        Thread.sleep(1100); // updated_at has second resolution

        given().contentType(ContentType.JSON).body("{\"status\": \"done\"}")
                .when().put("/tasks/{id}", id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("title", equalTo("Draft"))
                .body("description", equalTo("keep me"))
                .body("status", equalTo("done"))
                .body("version", equalTo(2));

        Map<String, AttributeValue> item = stored.item(OWNER, id).orElseThrow();
        assertEquals("done", item.get("status").s());
        assertEquals("2", item.get("version").n());
        assertTrue(Long.parseLong(item.get("updated_at").n()) > Long.parseLong(item.get("created_at").n()));
    }

    @Test
    void update_trimsTitle() {
        String id = createdId("{\"title\": \"Draft\"}");

        given().contentType(ContentType.JSON).body("{\"title\": \"  Final  \"}")
                .when().put("/tasks/{id}", id)
                .then().statusCode(200)
                .body("title", equalTo("Final"));
    }

    @Test
    void update_returns404_andStoresNothing_whenTaskIsMissing() {
        int before = stored.count(OWNER);

        given().contentType(ContentType.JSON).body("{\"title\": \"ghost\"}")
                .when().put("/tasks/{id}", MISSING_ID)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:task-api:problem:not-found"));

        // The tutorial's UpdateItem upserts: a PUT to a missing id created it.
        assertFalse(stored.item(OWNER, MISSING_ID).isPresent());
        assertEquals(before, stored.count(OWNER));
    }

    @Test
    void update_returns404_whenIdIsNotAUuid() {
        given().contentType(ContentType.JSON).body("{\"title\": \"x\"}")
                .when().put("/tasks/{id}", "..%2F..%2Fetc")
                .then().statusCode(404);
    }

    @Test
    void delete_returns204WithEmptyBody_thenTheTaskIsGone() {
        String id = createdId("{\"title\": \"Delete me\"}");

        given().when().delete("/tasks/{id}", id)
                .then().statusCode(204)
                .body(emptyString());

        assertFalse(stored.item(OWNER, id).isPresent());
        given().when().get("/tasks/{id}", id).then().statusCode(404);
    }

    @Test
    void delete_returns404_whenTaskIsMissing() {
        // The tutorial answers 204 for deleting nothing.
        given().when().delete("/tasks/{id}", MISSING_ID)
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void delete_twice_returns404TheSecondTime() {
        String id = createdId("{\"title\": \"Once\"}");

        given().when().delete("/tasks/{id}", id).then().statusCode(204);
        given().when().delete("/tasks/{id}", id).then().statusCode(404);
    }

    static ValidatableResponse create(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/tasks").then();
    }

    static String createdId(String json) {
        return create(json).statusCode(201).extract().path("id");
    }
}
