package dev.taskapi.task;

import static dev.taskapi.task.support.ProblemAssert.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document describes every route with its success and error answers, and is served at
 * {@code /q/openapi} as the Quarkus extension served it: YAML unless the client asks for JSON.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    static final String DOCUMENT = "/q/openapi";
    static final String YAML = "application/yaml;charset=UTF-8";
    static final String JSON = "application/json;charset=UTF-8";

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
                // The shared 400, with its example, rather than a bare "Bad Request".
                .body("paths.'/tasks'.post.responses.'400'.'$ref'", equalTo("#/components/responses/BadRequest"))
                .body("paths.'/tasks'.post.responses.'201'.headers", hasKey("ETag"))
                .body("paths.'/tasks'.post.parameters.name", hasItems("Idempotency-Key"))
                .body("paths.'/tasks/{id}'.put.parameters.name", hasItems("If-Match", "id"))
                .body("info.title", equalTo("Task API"));
    }

    @Test
    void document_isYamlByDefault_sentAsText() {
        Answer answer = LambdaEvents.as(null).get(DOCUMENT);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(YAML, answer.header("Content-Type"));
        // The Lambda adapter base64-encodes a body unless a header spelled "Content-Type" names text.
        assertFalse(answer.base64(), "The document should be sent as text, not base64");
        assertTrue(answer.body().startsWith("---\nopenapi: 3.1.0\n"), answer.body());
        assertTrue(answer.body().contains("\n  title: Task API\n"), answer.body());
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @Test
    void document_isJson_whenAcceptNamesJson_orTheFormatOrPathSaysSo() {
        Answer accept = LambdaEvents.as(null).header("Accept", "application/json").get(DOCUMENT);
        Answer format = LambdaEvents.as(null).get(DOCUMENT + "?format=JSON");
        Answer path = LambdaEvents.as(null).get(DOCUMENT + ".json");

        for (Answer answer : new Answer[] {accept, format, path}) {
            assertEquals(200, answer.status(), answer.body());
            assertEquals(JSON, answer.header("Content-Type"));
            assertFalse(answer.base64(), "The document should be sent as text, not base64");
            assertEquals("Task API", answer.json().getString("info.title"));
        }
    }

    @Test
    void document_isYaml_whenAskedForYaml() {
        assertEquals(YAML, LambdaEvents.as(null).get(DOCUMENT + ".yaml").header("Content-Type"));
        assertEquals(YAML, LambdaEvents.as(null).header("Accept", "application/yaml").get(DOCUMENT).header("Content-Type"));
    }

    @Test
    void head_answersTheHeadersOfGet_withoutTheDocument() {
        Answer get = LambdaEvents.as(null).get(DOCUMENT);
        Answer head = LambdaEvents.as(null).send("HEAD", DOCUMENT, null);

        assertEquals(200, head.status());
        assertEquals(YAML, head.header("Content-Type"));
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length), head.header("Content-Length"));
        assertTrue(head.body() == null || head.body().isEmpty(), head.body());
    }

    @Test
    void otherMethods_are405Problems_thatSayWhatIsAllowed() {
        Answer post = LambdaEvents.as(null).post(DOCUMENT, "{}");
        Answer delete = LambdaEvents.as(null).delete(DOCUMENT);

        assertEquals("urn:task-api:problem:method-not-allowed", assertProblem(post, 405).getString("type"));
        assertEquals("GET, HEAD, OPTIONS", post.header("Allow"));
        assertProblem(delete, 405);
    }

    @Test
    void options_saysWhatIsAllowed() {
        Answer answer = LambdaEvents.as(null).send("OPTIONS", DOCUMENT, null);

        assertEquals(204, answer.status());
        assertEquals("GET, HEAD, OPTIONS", answer.header("Allow"));
    }

    private static void assertResponses(JsonPath doc, String operation, String... statuses) {
        Map<String, Object> responses = doc.getMap("paths." + operation + ".responses");
        for (String status : statuses) {
            assertTrue(responses.containsKey(status),
                    operation + " does not document " + status + ": " + responses.keySet());
        }
    }
}
