package dev.taskapi.task;

import static dev.taskapi.task.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.taskapi.task.support.LambdaEvents;
import dev.taskapi.task.support.LambdaEvents.Answer;
import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table of hostile requests. Each is answered with the 4xx problem it names, says nothing about
 * the implementation, and leaves the caller's tasks exactly as they were. {@code {id}} in a path is
 * the caller's one existing task, {@code {ID}} the same id in upper case.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    static final String JSON = "application/json";
    /** Over the 64 KiB body limit once quoted. */
    static final String STRING_70_KB = "x".repeat(70 * 1024);
    /** Under the body limit, far over any field's length. */
    static final String STRING_60_KB = "x".repeat(60 * 1024);
    static final String EMOJI = "\uD83D\uDE00"; // U+1F600, one code point, two UTF-16 units

    @Inject
    StoredTasks stored;

    String owner;
    String id;
    Map<String, AttributeValue> before;

    /** One hostile request and the status it must get. */
    record Hostile(String name, String method, String path, Map<String, String> headers, String body, int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileRequests() {
        return Stream.of(
                // Wrong types: no coercion, ever.
                post("title is a number", "{\"title\": 12}", 400),
                post("title is a float", "{\"title\": 1.0e2}", 400),
                post("title is a boolean", "{\"title\": true}", 400),
                post("title is an array", "{\"title\": [\"a\"]}", 400),
                post("title is an object", "{\"title\": {\"text\": \"a\"}}", 400),
                post("description is a number", "{\"title\": \"a\", \"description\": 1.5}", 400),
                post("status is a number", "{\"title\": \"a\", \"status\": 0}", 400),
                post("status is an array", "{\"title\": \"a\", \"status\": [\"done\"]}", 400),
                put("update: status is a boolean", "{\"status\": true}", 400),
                put("update: title is a number", "{\"title\": 12}", 400),
                put("update: description is an object", "{\"description\": {}}", 400),

                // Explicit nulls, and bodies that are not one object.
                post("title is null", "{\"title\": null}", 400),
                post("description is null", "{\"title\": \"a\", \"description\": null}", 400),
                post("status is null", "{\"title\": \"a\", \"status\": null}", 400),
                put("update: title is null", "{\"title\": null}", 400),
                put("update: description is null", "{\"description\": null}", 400),
                put("update: status is null", "{\"status\": null}", 400),
                post("body is null", "null", 400),
                post("body is empty", "", 400),
                put("update: body is null", "null", 400),
                put("update: body is empty", "", 400),
                put("update: body is an empty object", "{}", 400),
                post("body is an array", "[]", 400),
                post("body is an array of tasks", "[{\"title\": \"a\"}]", 400),
                post("body is a string", "\"a\"", 400),
                post("body is a number", "42", 400),

                // Huge numbers.
                post("title is 1e309", "{\"title\": 1e309}", 400),
                post("title is a 42-digit integer", "{\"title\": " + "9".repeat(42) + "}", 400),
                post("status is a 1000-digit integer", "{\"title\": \"a\", \"status\": " + "9".repeat(1000) + "}", 400),
                put("update: title is a tiny float", "{\"title\": -1e-400}", 400),

                // Deep nesting.
                post("body nests arrays 10000 deep", "[".repeat(10_000) + "]".repeat(10_000), 400),
                post("unknown field nests objects 1000 deep", "{\"title\": \"a\", \"x\": "
                        + "{\"a\": ".repeat(1000) + "1" + "}".repeat(1000) + "}", 400),
                post("description nests arrays 20 deep", "{\"title\": \"a\", \"description\": "
                        + "[".repeat(20) + "]".repeat(20) + "}", 400),

                // Long strings.
                post("title of 70 KB", "{\"title\": \"" + STRING_70_KB + "\"}", 413),
                post("unknown field of 70 KB", "{\"title\": \"a\", \"x\": \"" + STRING_70_KB + "\"}", 413),
                put("update: description of 70 KB", "{\"description\": \"" + STRING_70_KB + "\"}", 413),
                post("description of 60 KB", "{\"title\": \"a\", \"description\": \"" + STRING_60_KB + "\"}", 400),
                post("title of 201 characters", "{\"title\": \"" + "t".repeat(201) + "\"}", 400),
                post("description of 2001 characters", "{\"title\": \"a\", \"description\": \"" + "d".repeat(2001) + "\"}", 400),
                post("title of 201 emoji", "{\"title\": \"" + EMOJI.repeat(201) + "\"}", 400),

                // Unicode edge cases and control characters.
                post("title is a lone high surrogate", "{\"title\": \"\\ud800\"}", 400),
                post("title is a lone low surrogate", "{\"title\": \"\\udc00\"}", 400),
                post("title holds a lone surrogate", "{\"title\": \"a\\ud800b\"}", 400),
                post("title holds reversed surrogates", "{\"title\": \"\\ude00\\ud83d\"}", 400),
                put("update: title is a lone surrogate", "{\"title\": \"\\udbff\"}", 400),
                post("title holds U+0000", "{\"title\": \"a\\u0000b\"}", 400),
                post("title holds BEL", "{\"title\": \"a\\u0007\"}", 400),
                post("title holds an ANSI escape", "{\"title\": \"\\u001b[31mred\"}", 400),
                post("title holds DEL", "{\"title\": \"a\\u007f\"}", 400),
                post("title holds NEL (U+0085)", "{\"title\": \"a\\u0085b\"}", 400),
                post("title holds a line break", "{\"title\": \"two\\nlines\"}", 400),
                post("title holds a tab", "{\"title\": \"a\\tb\"}", 400),
                post("description holds U+0000", "{\"title\": \"a\", \"description\": \"\\u0000\"}", 400),
                post("description holds an ANSI escape", "{\"title\": \"a\", \"description\": \"\\u001b[2J\"}", 400),
                post("description holds a lone surrogate", "{\"title\": \"a\", \"description\": \"\\udfff\"}", 400),
                post("title is spaces only", "{\"title\": \"   \"}", 400),
                post("title is an empty string", "{\"title\": \"\"}", 400),
                post("title is an ideographic space (U+3000)", "{\"title\": \"\\u3000\"}", 400),
                post("title is a no-break space (U+00A0)", "{\"title\": \"\\u00a0\"}", 400),
                put("update: title is spaces only", "{\"title\": \"  \"}", 400),
                post("status in upper case", "{\"title\": \"a\", \"status\": \"DONE\"}", 400),
                post("status unknown", "{\"title\": \"a\", \"status\": \"archived\"}", 400),
                put("update: status with a trailing NUL", "{\"status\": \"done\\u0000\"}", 400),

                // Ids that try to leave their place.
                request("GET with ../ in the id", "GET", "/tasks/..%2F..%2Fetc%2Fpasswd", 404),
                request("GET with %00 as the id", "GET", "/tasks/%00", 404),
                request("GET with %00 after the id", "GET", "/tasks/{id}%00", 404),
                request("GET with an encoded slash after the id", "GET", "/tasks/{id}%2F..", 404),
                request("GET with dot segments", "GET", "/tasks/%2e%2e", 404),
                request("GET with a 5000-character id", "GET", "/tasks/" + "a".repeat(5000), 404),
                request("GET with the id in upper case", "GET", "/tasks/{ID}", 404),
                request("GET with an emoji id", "GET", "/tasks/%F0%9F%98%80", 404),
                request("PUT with ../ in the id", "PUT", "/tasks/..%2F..%2Fetc", "{\"title\": \"x\"}", 404),
                request("PUT with %00 after the id", "PUT", "/tasks/{id}%00", "{\"title\": \"x\"}", 404),
                request("PUT with the id in upper case", "PUT", "/tasks/{ID}", "{\"title\": \"x\"}", 404),
                request("PUT with a 5000-character id", "PUT", "/tasks/" + "a".repeat(5000), "{\"title\": \"x\"}", 404),
                request("DELETE with ../ in the id", "DELETE", "/tasks/..%2F..%2Fetc", 404),
                request("DELETE with %00 after the id", "DELETE", "/tasks/{id}%00", 404),
                request("DELETE with the id in upper case", "DELETE", "/tasks/{ID}", 404),
                request("DELETE with a 5000-character id", "DELETE", "/tasks/" + "a".repeat(5000), 404),

                // Query parameters.
                list("limit=-1", 400),
                list("limit=0", 400),
                list("limit=101", 400),
                list("limit=1e3", 400),
                list("limit=1.5", 400),
                list("limit=abc", 400),
                list("limit=05", 400),
                list("limit=%2B5", 400),
                list("limit=99999999999999999999", 400),
                list("limit=5%00", 400),
                list("status=DONE", 400),
                list("status=archived", 400),
                list("status=done%00", 400),
                list("status=pending,done", 400),
                list("next_token=garbage", 400),
                list("next_token=%00", 400),
                list("next_token=AAAAAAAA", 400),
                list("next_token=" + "A".repeat(600), 400),
                list("next_token=dDF8fHx8", 400), // "t1||||": the right shape, nothing in it

                // Content types.
                request("POST as text/plain", "POST", "/tasks", Map.of("content-type", "text/plain"),
                        "{\"title\": \"a\"}", 415),
                request("POST as a form", "POST", "/tasks", Map.of("content-type", "application/x-www-form-urlencoded"),
                        "title=a", 415),
                request("POST as XML", "POST", "/tasks", Map.of("content-type", "application/xml"), "<task/>", 415),
                request("POST as multipart", "POST", "/tasks", Map.of("content-type", "multipart/form-data; boundary=x"),
                        "--x\r\n\r\na\r\n--x--", 415),
                request("PUT as text/plain", "PUT", "/tasks/{id}", Map.of("content-type", "text/plain"),
                        "{\"title\": \"a\"}", 415),
                request("POST without a content type", "POST", "/tasks", withoutContentType(), "{\"title\": \"a\"}", 415),
                request("POST asking for HTML", "POST", "/tasks", Map.of("accept", "text/html"), "{\"title\": \"a\"}", 406),
                request("GET asking for XML", "GET", "/tasks/{id}", Map.of("accept", "application/xml"), null, 406),

                // Syntax: duplicates, trailing garbage, not JSON.
                post("duplicate title", "{\"title\": \"a\", \"title\": \"b\"}", 400),
                put("update: duplicate status", "{\"status\": \"done\", \"status\": \"pending\"}", 400),
                post("trailing garbage", "{\"title\": \"a\"} x", 400),
                post("two objects", "{\"title\": \"a\"}{\"title\": \"b\"}", 400),
                post("trailing comma after the object", "{\"title\": \"a\"},", 400),
                post("trailing comma in the object", "{\"title\": \"a\",}", 400),
                post("truncated", "{\"title\": \"a\"", 400),
                post("single quotes", "{'title': 'a'}", 400),
                post("unquoted name", "{title: \"a\"}", 400),
                post("comment", "/* x */ {\"title\": \"a\"}", 400),
                post("NaN", "{\"title\": NaN}", 400),
                post("unknown field", "{\"title\": \"a\", \"version\": 7}", 400),
                post("id in the body", "{\"title\": \"a\", \"id\": \"01890a5d-ac96-774b-bcce-b302099a8057\"}", 400),

                // Methods the routes do not have.
                request("PATCH a task", "PATCH", "/tasks/{id}", "{\"title\": \"a\"}", 405),
                request("POST to a task", "POST", "/tasks/{id}", "{\"title\": \"a\"}", 405),
                request("DELETE the collection", "DELETE", "/tasks", 405),
                request("PUT the collection", "PUT", "/tasks", "{\"title\": \"a\"}", 405));
    }

    @BeforeEach
    void anOwnerWithOneTask() {
        owner = "hostile-" + UUID.randomUUID();
        Answer created = LambdaEvents.as(owner).post("/tasks", "{\"title\": \"the one\"}");
        assertEquals(201, created.status(), created.body());
        id = created.json().getString("id");
        before = stored.item(owner, id).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequest_isA4xxProblem_andChangesNothing(Hostile hostile) {
        LambdaEvents.Request request = LambdaEvents.as(owner);
        hostile.headers().forEach(request::header);
        String path = hostile.path().replace("{id}", id).replace("{ID}", id.toUpperCase(Locale.ROOT));

        Answer answer = request.send(hostile.method(), path, hostile.body());

        assertProblem(answer, hostile.status());
        assertEquals(1, stored.count(owner));
        assertEquals(before, stored.item(owner, id).orElseThrow());
    }

    @Test
    void invalidUtf8_is400_andStoresNothing() {
        byte[] body = { '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', 'a', (byte) 0xFF, (byte) 0xC0, '"', '}' };

        Answer answer = LambdaEvents.as(owner).sendBytes("POST", "/tasks", body);

        assertProblem(answer, 400);
        assertEquals(1, stored.count(owner));
    }

    @Test
    void aTruncatedOrEditedNextToken_is400() {
        LambdaEvents.as(owner).post("/tasks", "{\"title\": \"second\"}");
        String token = LambdaEvents.as(owner).get("/tasks?limit=1").json().getString("next_token");

        assertProblem(LambdaEvents.as(owner).get("/tasks?limit=1&next_token=" + token.substring(0, token.length() - 3)), 400);
        String edited = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        assertProblem(LambdaEvents.as(owner).get("/tasks?limit=1&next_token=" + edited), 400);
        // Issued for no filter, it is refused with one.
        assertProblem(LambdaEvents.as(owner).get("/tasks?limit=1&status=pending&next_token=" + token), 400);
    }

    @Test
    void unknownQueryParameters_areIgnored() {
        Answer answer = LambdaEvents.as(owner).get("/tasks?limt=1&foo=bar&owner=someone-else&%00=%00");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of(id), answer.json().getList("tasks.id", String.class));
    }

    @Test
    void emptyQueryParameters_countAsAbsent() {
        Answer answer = LambdaEvents.as(owner).get("/tasks?limit=&status=&next_token=");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of(id), answer.json().getList("tasks.id", String.class));
    }

    @Test
    void titleOf200Emoji_isAccepted_becauseEachEmojiIsOneCharacter() {
        String title = EMOJI.repeat(200);

        Answer answer = LambdaEvents.as(owner).post("/tasks", "{\"title\": \"" + title + "\"}");

        assertEquals(201, answer.status(), answer.body());
        assertEquals(title, stored.item(owner, answer.json().getString("id")).orElseThrow().get("title").s());
    }

    @Test
    void formatCharacters_areKept_becauseRealTextNeedsThem() {
        // A right-to-left override, a right-to-left mark in Hebrew, a family emoji joined by ZWJ,
        // and the flag of Scotland, spelled with tag characters: all Unicode format characters (Cf).
        String title = "\u202Eabc\u202C \u05E9\u05DC\u05D5\u05DD\u200F "
                + "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 "
                + "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";

        Answer answer = LambdaEvents.as(owner).post("/tasks", "{\"title\": \"" + title + "\"}");

        assertEquals(201, answer.status(), answer.body());
        assertEquals(title, answer.json().getString("title"));
        assertTrue(stored.item(owner, answer.json().getString("id")).isPresent());
    }

    private static Map<String, String> withoutContentType() {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", null);
        return headers;
    }

    private static Hostile post(String name, String body, int status) {
        return request(name, "POST", "/tasks", body, status);
    }

    private static Hostile put(String name, String body, int status) {
        return request(name, "PUT", "/tasks/{id}", body, status);
    }

    private static Hostile list(String query, int status) {
        return request("GET /tasks?" + query, "GET", "/tasks?" + query, status);
    }

    private static Hostile request(String name, String method, String path, int status) {
        return request(name, method, path, Map.of(), null, status);
    }

    private static Hostile request(String name, String method, String path, String body, int status) {
        return request(name, method, path, Map.of(), body, status);
    }

    private static Hostile request(String name, String method, String path, Map<String, String> headers, String body,
            int status) {
        return new Hostile(name, method, path, headers, body, status);
    }
}
