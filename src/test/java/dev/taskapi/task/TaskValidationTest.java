package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every invalid body gets a 400 problem naming the field, and nothing is stored or changed. */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class TaskValidationTest {

    static final String OWNER = "local";
    static final String VALIDATION = "urn:task-api:problem:validation";

    @Inject
    StoredTasks stored;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                           | title",
        "{\"title\": \"\"}                            | title",
        "{\"title\": \"   \"}                         | title",
        "{\"title\": null}                            | title",
        "{\"title\": 12}                              | title",
        "{\"title\": true}                            | title",
        "{\"title\": [\"a\"]}                         | title",
        "{\"title\": {\"a\": 1}}                      | title",
        "{\"title\": \"ok\", \"status\": \"later\"}   | status",
        "{\"title\": \"ok\", \"status\": \"DONE\"}    | status",
        "{\"title\": \"ok\", \"status\": 1}           | status",
        "{\"title\": \"ok\", \"description\": 5}      | description",
        "{\"title\": \"ok\", \"description\": null}   | description",
        "{\"title\": \"ok\", \"id\": \"mine\"}        | id",
        "{\"title\": \"ok\", \"version\": 7}          | version",
        "{\"title\": \"ok\", \"owner\": \"bob\"}      | owner",
    })
    void create_returns400NamingTheField_andStoresNothing(String body, String field) {
        int before = stored.count(OWNER);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(VALIDATION))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("errors.field", hasItem(field));

        assertEquals(before, stored.count(OWNER));
    }

    @Test
    void create_acceptsTitleOf200Characters_andRefuses201() {
        given().contentType(ContentType.JSON).body("{\"title\": \"" + "a".repeat(200) + "\"}")
                .when().post("/tasks").then().statusCode(201);

        given().contentType(ContentType.JSON).body("{\"title\": \"" + "a".repeat(201) + "\"}")
                .when().post("/tasks").then().statusCode(400).body("errors.field", contains("title"));
    }

    @Test
    void create_countsTitleAfterTrimming() {
        given().contentType(ContentType.JSON).body("{\"title\": \"  " + "a".repeat(200) + "  \"}")
                .when().post("/tasks").then().statusCode(201);
    }

    @Test
    void create_acceptsDescriptionOf2000Characters_andRefuses2001() {
        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"description\": \"" + "d".repeat(2000) + "\"}")
                .when().post("/tasks").then().statusCode(201);

        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"description\": \"" + "d".repeat(2001) + "\"}")
                .when().post("/tasks").then().statusCode(400).body("errors.field", contains("description"));
    }

    @Test
    void create_reportsEveryInvalidField() {
        given().contentType(ContentType.JSON).body("{\"title\": \"\", \"status\": \"x\"}")
                .when().post("/tasks")
                .then().statusCode(400)
                .body("errors.field", contains("status", "title"));
    }

    @Test
    void create_namesEachInvalidField_withWhatIsWrong_inFieldOrder() {
        given().contentType(ContentType.JSON).body("{\"title\": \" \", \"description\": \"a\\u0000b\", \"status\": \"x\"}")
                .when().post("/tasks")
                .then().statusCode(400)
                .body("errors.field", contains("description", "status", "title"))
                .body("errors.message", contains("must be plain text of at most 2000 characters",
                        "must be one of pending, in_progress, done", "is required and must not be blank"))
                .body("detail", equalTo("description: must be plain text of at most 2000 characters; "
                        + "status: must be one of pending, in_progress, done; title: is required and must not be blank"));
    }

    @Test
    void update_namesTheBrokenRule() {
        String id = TaskCrudTest.createdId("{\"title\": \"Unchanged\"}");

        given().contentType(ContentType.JSON).body("{\"title\": \"\\u00a0\", \"description\": \"" + "d".repeat(2001) + "\"}")
                .when().put("/tasks/{id}", id)
                .then().statusCode(400)
                .body("errors.field", contains("description", "title"))
                .body("errors.message", contains("must be plain text of at most 2000 characters", "must not be blank"));
    }

    @Test
    void create_withEmptyBody_returns400() {
        int before = stored.count(OWNER);

        given().contentType(ContentType.JSON)
                .when().post("/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("body"))
                .body("errors.message", contains("is required: send a JSON object"));

        assertEquals(before, stored.count(OWNER));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"title\": ",
        "{\"title\": \"a\"} trailing",
        "not json",
        "[{\"title\": \"a\"}]",
        "\"a string\"",
        "{\"title\": \"a\", \"title\": \"b\"}",
    })
    void create_withMalformedJson_returns400Problem_andStoresNothing(String body) {
        int before = stored.count(OWNER);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:task-api:problem:malformed-body"));

        assertEquals(before, stored.count(OWNER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"title\": \"\"}                    | title",
        "{\"title\": null}                    | title",
        "{\"title\": 3}                       | title",
        "{\"status\": \"finished\"}           | status",
        "{\"description\": \"" + "x" + "\", \"version\": 9} | version",
        "{\"created_at\": 1}                  | created_at",
    })
    void update_returns400NamingTheField_andChangesNothing(String body, String field) {
        String id = TaskCrudTest.createdId("{\"title\": \"Unchanged\"}");

        given().contentType(ContentType.JSON).body(body)
                .when().put("/tasks/{id}", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));

        Map<String, AttributeValue> item = stored.item(OWNER, id).orElseThrow();
        assertEquals("Unchanged", item.get("title").s());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void update_withNoFields_returns400_andChangesNothing() {
        String id = TaskCrudTest.createdId("{\"title\": \"Unchanged\"}");

        given().contentType(ContentType.JSON).body("{}")
                .when().put("/tasks/{id}", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(VALIDATION));

        assertEquals("1", stored.item(OWNER, id).orElseThrow().get("version").n());
    }

    @Test
    void update_withEmptyBody_returns400() {
        String id = TaskCrudTest.createdId("{\"title\": \"Unchanged\"}");

        given().contentType(ContentType.JSON)
                .when().put("/tasks/{id}", id)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
