package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Errors produced below JAX-RS (routing, media types, body size) and CORS. Out of the box the
 * packaged function answers several of these with an empty body or an HTML page.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class HttpProblemsTest {

    static final int LIMIT = 64 * 1024;

    @Test
    void unknownRoute_is404Problem_notAnHtmlPage() {
        assertProblem(given().accept("text/html").when().get("/nothing/here").then(), 404, "not-found");
        assertProblem(given().when().get("/").then(), 404, "not-found");
    }

    @Test
    void wrongMethod_is405Problem() {
        assertProblem(given().when().patch("/tasks").then(), 405, "method-not-allowed");
        assertProblem(given().when().post("/tasks/{id}", TaskCrudTest.MISSING_ID).then(), 405, "method-not-allowed");
    }

    @Test
    void bodyThatIsNotJson_is415Problem() {
        assertProblem(given().contentType(ContentType.TEXT).body("title=x").when().post("/tasks").then(),
                415, "unsupported-media-type");
        assertProblem(given().contentType("application/xml").body("<task/>").when().post("/tasks").then(),
                415, "unsupported-media-type");
    }

    @Test
    void bodyOver64KiB_is413Problem() {
        String body = "{\"title\": \"" + "a".repeat(LIMIT) + "\"}";

        assertProblem(given().contentType(ContentType.JSON).body(body).when().post("/tasks").then(),
                413, "payload-too-large");
    }

    @Test
    void bodyOver64KiB_withoutContentLength_is413Problem() {
        // A chunked upload: the event reaches the function with no Content-Length header.
        Answer answer = LambdaEvents.as("big-sender").post("/tasks", "{\"title\": \"" + "é".repeat(LIMIT / 2) + "\"}");

        assertEquals(413, answer.status());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("urn:task-api:problem:payload-too-large", answer.json().getString("type"));
    }

    @Test
    void bodyJustUnder64KiB_isReadAndValidated() {
        String body = "{\"title\": \"t\", \"description\": \"" + "d".repeat(LIMIT - 100) + "\"}";

        assertProblem(given().contentType(ContentType.JSON).body(body).when().post("/tasks").then(),
                400, "validation");
    }

    // CORS is checked on the raw v2 response, as API Gateway receives it: a header with several
    // values arrives as one comma-separated value there.
    @Test
    void simpleRequests_carryTheAllowedOrigin() {
        Answer answer = LambdaEvents.as("cors").header("Origin", "https://app.example").get("/tasks");

        assertEquals(200, answer.status());
        assertEquals("https://app.example", answer.header("Access-Control-Allow-Origin"));
        assertTrue(answer.header("Access-Control-Expose-Headers").contains("ETag"), answer.headers().toString());
    }

    @Test
    void preflight_isAnswered() {
        Answer answer = LambdaEvents.as(null)
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type,if-match")
                .send("OPTIONS", "/tasks/" + TaskCrudTest.MISSING_ID, null);

        assertEquals(200, answer.status());
        assertEquals("https://app.example", answer.header("Access-Control-Allow-Origin"));
        assertTrue(answer.header("Access-Control-Allow-Methods").contains("PUT"), answer.headers().toString());
        assertTrue(answer.header("Access-Control-Allow-Headers").contains("If-Match"), answer.headers().toString());
    }

    private static void assertProblem(ValidatableResponse response, int status, String type) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:task-api:problem:" + type))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("<html")));
    }
}
