package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LocalDynamoDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With tasks.require-if-match, a write without If-Match is refused with 428 and changes nothing. */
@QuarkusTest
@TestProfile(IfMatchRequiredTest.RequireIfMatch.class)
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class IfMatchRequiredTest {

    public static class RequireIfMatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tasks.require-if-match", "true");
        }
    }

    @Test
    void updateAndDelete_withoutIfMatch_return428() {
        String id = TaskCrudTest.createdId("{\"title\": \"guarded\"}");

        ConditionalWriteTest.put(id, null, "{\"title\": \"x\"}")
                .then().statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:task-api:problem:precondition-required"));
        given().when().delete("/tasks/{id}", id).then().statusCode(428);

        given().when().get("/tasks/{id}", id).then().statusCode(200).body("title", equalTo("guarded"));
    }

    @Test
    void updateAndDelete_withIfMatch_work() {
        String id = TaskCrudTest.createdId("{\"title\": \"guarded\"}");

        ConditionalWriteTest.put(id, "\"1\"", "{\"title\": \"x\"}").then().statusCode(200);
        given().header("If-Match", "\"2\"").when().delete("/tasks/{id}", id).then().statusCode(204);
    }
}
