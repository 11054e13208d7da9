package dev.taskapi.task.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The templates send CORS preflight (OPTIONS /{proxy+}) to the function without the JWT
 * authorizer, so the function must answer it without claims even when it requires them
 * everywhere else, as it does behind the JWT-secured API.
 */
@QuarkusTest
@TestProfile(CorsPreflightTest.AuthRequired.class)
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class CorsPreflightTest {

    static final String ORIGIN = "https://app.example.com";

    /** TASKS_AUTH_REQUIRED=true, as TaskFunction sets it. */
    public static class AuthRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tasks.auth-required", "true");
        }
    }

    @Test
    void preflight_isAnsweredWithoutClaims_whenAuthIsRequired() {
        Answer answer = LambdaEvents.as(null)
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .send("OPTIONS", "/tasks/0190a5d1-ac96-774b-bcce-b302099a8057", null);

        assertEquals(200, answer.status(), answer.toString());
        assertNotNull(answer.header("Access-Control-Allow-Origin"), answer.toString());
        assertTrue(answer.header("Access-Control-Allow-Methods").contains("PUT"), answer.toString());
    }

    @Test
    void request_withoutClaims_isRejected_whenAuthIsRequired() {
        // The other half: this profile really requires auth, so the preflight above is not
        // answered merely because auth is off.
        Answer answer = LambdaEvents.as(null).header("Origin", ORIGIN).get("/tasks");

        assertEquals(401, answer.status(), answer.toString());
    }
}
