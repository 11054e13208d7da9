package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LocalDynamoDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document describes every route with its success and error answers. */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void everyRoute_documentsItsAnswers_includingProblems() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();

        assertResponses(doc, "'/tasks'.post", "201", "400", "401", "409", "413", "415", "422", "500", "503");
        assertResponses(doc, "'/tasks'.get", "200", "400", "401", "500", "503");
        assertResponses(doc, "'/tasks/{id}'.get", "200", "404", "401", "500", "503");
        assertResponses(doc, "'/tasks/{id}'.put", "200", "400", "404", "412", "413", "415", "428", "503");
        assertResponses(doc, "'/tasks/{id}'.delete", "204", "404", "412", "428", "503");

        given().queryParam("format", "json").when().get("/q/openapi").then()
                .body("components.schemas", hasKey("Task"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas.Task.properties", hasKey("created_at"))
                .body("components.schemas.TaskPage.properties", hasKey("next_token"))
                .body("components.responses.NotFound.content.'application/problem+json'.schema", notNullValue())
                .body("components.responses.Unavailable.headers", hasKey("Retry-After"))
                .body("paths.'/tasks'.post.responses.'201'.headers", hasKey("ETag"))
                .body("paths.'/tasks'.post.parameters.name", hasItems("Idempotency-Key"))
                .body("paths.'/tasks/{id}'.put.parameters.name", hasItems("If-Match", "id"))
                .body("info.title", equalTo("Task API"));
    }

    private static void assertResponses(JsonPath doc, String operation, String... statuses) {
        Map<String, Object> responses = doc.getMap("paths." + operation + ".responses");
        for (String status : statuses) {
            assertTrue(responses.containsKey(status),
                    operation + " does not document " + status + ": " + responses.keySet());
        }
    }
}
