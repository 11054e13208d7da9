package dev.taskapi.task.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.restassured.path.json.JsonPath;

/** Checks that an answer is an RFC 9457 problem that gives nothing of the implementation away. */
public final class ProblemAssert {

    /** What would show an exception, a stack trace or a library in a body. */
    public static final List<String> LEAKS = List.of("Exception", "jackson", "at dev.", "software.amazon", "java.");

    private ProblemAssert() {
    }

    /** {@code answer} is a problem with {@code status}, all four members, and no leak. */
    public static JsonPath assertProblem(LambdaEvents.Answer answer, int status) {
        String context = answer.status() + " " + answer.body();
        assertEquals(status, answer.status(), context);
        String contentType = answer.header("Content-Type");
        assertNotNull(contentType, context);
        assertTrue(contentType.startsWith("application/problem+json"), "Content-Type " + contentType);
        // The Lambda adapter base64-encodes whatever it does not recognize as text.
        assertFalse(answer.base64(), "A problem should be sent as text, not base64: " + context);
        // A problem can echo input (a field name): it must never be sniffed as HTML, nor cached.
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), context);
        assertEquals("no-store", answer.header("Cache-Control"), context);
        assertNoLeak(answer.body());
        JsonPath json;
        try {
            json = answer.json();
            json.get();
        } catch (RuntimeException notJson) {
            throw new AssertionError("Not a JSON body: " + context, notJson);
        }
        assertAll(
                () -> assertNotNull(json.getString("type"), context),
                () -> assertNotNull(json.getString("title"), context),
                () -> assertEquals(status, json.getInt("status"), context),
                () -> assertNotNull(json.getString("detail"), context));
        return json;
    }

    /** A 4xx problem of any status. */
    public static JsonPath assertClientProblem(LambdaEvents.Answer answer) {
        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.body());
        return assertProblem(answer, answer.status());
    }

    public static void assertNoLeak(String body) {
        for (String leak : LEAKS) {
            assertFalse(body != null && body.contains(leak), "The body shows \"" + leak + "\": " + body);
        }
    }
}
