package dev.taskapi.task.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.taskapi.local.Dynalite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With tasks.prime=always and a DynamoDB it cannot reach, start-up still succeeds and so does the
 * snapshot hook (under SnapStart they make the snapshot), and requests get the usual 503.
 */
@QuarkusTest
@TestProfile(PrimingWithoutDynamoDbTest.PrimeAgainstUnreachableDynamoDb.class)
class PrimingWithoutDynamoDbTest {

    /** Nothing listens on this port: every DynamoDB call, the priming ones first, fails to connect. */
    static final int CLOSED_PORT = Dynalite.freePort();

    public static class PrimeAgainstUnreachableDynamoDb implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tasks.prime", "always",
                    "quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + CLOSED_PORT);
        }
    }

    @Inject
    SnapshotPriming priming;

    @Test
    void startUpAndSnapshot_surviveAFailedPriming_andRequestsGetTheUsual503() {
        priming.beforeCheckpoint(null);

        assertEquals(List.of(503, 503), priming.answers());

        given().when().get("/tasks/{id}", "01890a5d-ac96-774b-bcce-b302099a8057")
                .then().statusCode(503)
                .body("type", equalTo("urn:task-api:problem:unavailable"));
    }
}
