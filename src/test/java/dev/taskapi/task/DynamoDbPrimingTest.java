package dev.taskapi.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.taskapi.local.Dynalite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With tasks.prime-dynamodb=always, start-up primes the DynamoDB client; a DynamoDB it cannot reach
 * then must not stop the function from starting (under SnapStart that start-up makes the snapshot).
 */
@QuarkusTest
@TestProfile(DynamoDbPrimingTest.PrimeAgainstUnreachableDynamoDb.class)
class DynamoDbPrimingTest {

    /** Nothing listens on this port: every DynamoDB call, the priming one first, fails to connect. */
    static final int CLOSED_PORT = Dynalite.freePort();

    public static class PrimeAgainstUnreachableDynamoDb implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tasks.prime-dynamodb", "always",
                    "quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + CLOSED_PORT);
        }
    }

    @Test
    void startUp_survivesAFailedPriming_andRequestsGetTheUsual503() {
        given().when().get("/tasks/{id}", TaskCrudTest.MISSING_ID)
                .then().statusCode(503)
                .body("type", equalTo("urn:task-api:problem:unavailable"));
    }
}
