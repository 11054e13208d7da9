package dev.taskapi.task.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.taskapi.task.lambda.RuntimeApiEmulator.Invocation;

/**
 * The packaged function.zip, run as Lambda runs it: two execution environments of the runtime
 * interface client polling one Runtime API, the handler, memory, environment and table that
 * sam.jvm.yaml declares, and dynalite behind it. Every file in {@code events/} is sent as it is.
 */
// The runtime interface client ships its native library for Linux only, as Lambda runs Linux.
@EnabledOnOs(OS.LINUX)
class FunctionZipIT {

    static final Path TEMPLATE = Path.of("sam.jvm.yaml");
    static final Path FUNCTION_ZIP = Path.of("target", "function.zip");
    static final Path EVENTS = Path.of("events");
    static final Path WORK_DIR = Path.of("target", "function-zip-it");
    static final int INSTANCES = 2;
    static final Duration MARGIN = Duration.ofSeconds(5);
    /** The id the sample events carry; replaced with the id of a task that exists. */
    static final String PLACEHOLDER_ID = "01939a4e-8c2b-7d3e-9f10-2a3b4c5d6e7f";
    static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    /** An unsigned JWT for the user "alice", which the local HTTP front decodes without verifying. */
    static final String ALICE_TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.";

    static final ObjectMapper JSON = new ObjectMapper();

    /** What each sample event must get back; {@code id} is the task it names, if any. */
    static final Map<String, Expected> EXPECTED = Map.of(
            "create-task.json", new Expected(201, "application/json", (body, id) -> {
                assertTrue(body.path("id").asText().matches(UUID_V7), body::toString);
                assertEquals("Write the report", body.path("title").asText());
                assertEquals("Quarterly figures", body.path("description").asText());
                assertEquals("pending", body.path("status").asText());
                assertEquals(1, body.path("version").asInt());
            }),
            "get-task.json", new Expected(200, "application/json", (body, id) -> {
                assertEquals(id, body.path("id").asText());
                assertEquals("Write the report", body.path("title").asText());
            }),
            "list-tasks.json", new Expected(200, "application/json", (body, id) -> {
                assertTrue(body.path("count").asInt() >= 1, body::toString);
                body.path("tasks").forEach(task -> assertEquals("pending", task.path("status").asText()));
            }),
            "update-task.json", new Expected(200, "application/json", (body, id) -> {
                assertEquals(id, body.path("id").asText());
                assertEquals("done", body.path("status").asText());
                assertEquals(2, body.path("version").asInt());
            }),
            "delete-task.json", new Expected(204, null, (body, id) -> assertTrue(body.isMissingNode(), body::toString)),
            "create-task-invalid.json", new Expected(400, "application/problem+json", (body, id) -> {
                assertEquals("urn:task-api:problem:validation", body.path("type").asText());
                assertEquals(400, body.path("status").asInt());
                Set<String> fields = new HashSet<>();
                body.path("errors").forEach(error -> fields.add(error.path("field").asText()));
                assertEquals(Set.of("title", "status"), fields, body::toString);
            }));

    static LocalLambda lambda;

    @BeforeAll
    static void deploy() {
        assertTrue(Files.isRegularFile(FUNCTION_ZIP), FUNCTION_ZIP + " is built by the package phase");
        lambda = LocalLambda.start(TEMPLATE, Map.of(), FUNCTION_ZIP, WORK_DIR, INSTANCES, Optional.empty());
    }

    @AfterAll
    static void undeploy() {
        if (lambda != null) {
            lambda.close();
        }
    }

    @Test
    void everySampleEvent_getsItsExpectedAnswer() throws IOException {
        List<Path> files = sampleEvents();
        assertFalse(files.isEmpty(), "no events in " + EVENTS);

        for (Path file : files) {
            String name = file.getFileName().toString();
            Expected expected = EXPECTED.get(name);
            if (expected == null) {
                fail("No expected answer for " + file + ": add it to FunctionZipIT.EXPECTED");
            }
            String event = Files.readString(file);
            String id = null;
            if (event.contains(PLACEHOLDER_ID)) {
                id = createdId();
                event = event.replace(PLACEHOLDER_ID, id);
            }

            Answer answer = send(event);

            assertEquals(expected.status(), answer.status(), name + ": " + answer);
            if (expected.contentType() != null) {
                assertTrue(answer.header("Content-Type").startsWith(expected.contentType()), name + ": " + answer);
            }
            expected.body().accept(answer.json(), id);
        }
    }

    @Test
    void crud_roundTrip_throughTheSampleEvents() throws IOException {
        Answer created = send(sample("create-task.json"));
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();
        assertEquals("/tasks/" + id, created.header("Location"));
        assertEquals("\"1\"", created.header("ETag"));

        Answer found = send(sample("get-task.json").replace(PLACEHOLDER_ID, id));
        assertEquals(200, found.status(), found.toString());
        assertEquals("\"1\"", found.header("ETag"));
        assertEquals("Write the report", found.json().path("title").asText());

        Answer listed = send(sample("list-tasks.json"));
        assertEquals(200, listed.status(), listed.toString());
        assertTrue(ids(listed.json()).contains(id), listed.toString());

        Answer updated = send(sample("update-task.json").replace(PLACEHOLDER_ID, id));
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("\"2\"", updated.header("ETag"));

        Answer foundUpdated = send(sample("get-task.json").replace(PLACEHOLDER_ID, id));
        assertEquals("done", foundUpdated.json().path("status").asText());
        // Done now, so the pending filter of list-tasks.json leaves it out.
        assertFalse(ids(send(sample("list-tasks.json")).json()).contains(id));

        Answer deleted = send(sample("delete-task.json").replace(PLACEHOLDER_ID, id));
        assertEquals(204, deleted.status(), deleted.toString());

        Answer gone = send(sample("get-task.json").replace(PLACEHOLDER_ID, id));
        assertEquals(404, gone.status(), gone.toString());
        assertEquals("urn:task-api:problem:not-found", gone.json().path("type").asText());
    }

    @Test
    void concurrentRequests_areServedByEveryEnvironment() throws Exception {
        RuntimeApiEmulator api = lambda.api();
        // Both runtimes are waiting, so the first two invocations go one to each.
        api.awaitWaitingPollers(INSTANCES, Duration.ofSeconds(30));
        List<CompletableFuture<Invocation>> invocations = new ArrayList<>();

        for (int i = 0; i < 3 * INSTANCES; i++) {
            invocations.add(api.submit(sample("list-tasks.json")));
        }

        Set<String> environments = new HashSet<>();
        for (CompletableFuture<Invocation> invocation : invocations) {
            Invocation done = invocation.get(30, TimeUnit.SECONDS);
            assertEquals(200, Answer.of(done).status(), done.payload());
            environments.add(done.environment());
        }
        assertEquals(Set.of("env-1", "env-2"), environments, api.summary());
        lambda.processes().forEach(process -> assertTrue(process.isAlive(), process.environment().name()));
    }

    @Test
    void oneIdempotencyKey_sentToEveryEnvironmentAtOnce_createsOneTask() throws Exception {
        RuntimeApiEmulator api = lambda.api();
        api.awaitWaitingPollers(INSTANCES, Duration.ofSeconds(30));
        String key = UUID.randomUUID().toString();
        String title = "Once, whichever instance answers " + key;
        String event = withHeader(sample("create-task.json"), "idempotency-key", key)
                .replace("Write the report", title);
        List<CompletableFuture<Invocation>> invocations = new ArrayList<>();

        for (int i = 0; i < 4 * INSTANCES; i++) {
            invocations.add(api.submit(event));
        }

        Set<String> environments = new HashSet<>();
        Set<String> created = new HashSet<>();
        int fresh = 0;
        for (CompletableFuture<Invocation> invocation : invocations) {
            Invocation done = invocation.get(30, TimeUnit.SECONDS);
            environments.add(done.environment());
            Answer answer = Answer.of(done);
            assertTrue(answer.status() == 201 || answer.status() == 409, answer.toString());
            if (answer.status() == 201) {
                created.add(answer.json().path("id").asText());
                fresh += answer.header("Idempotent-Replayed").isEmpty() ? 1 : 0;
            }
        }
        // No instance remembers anything the others need: the key lives in DynamoDB.
        assertEquals(Set.of("env-1", "env-2"), environments, api.summary());
        assertEquals(1, created.size(), created.toString());
        assertEquals(1, fresh);
        Answer page = send(sample("list-tasks.json").replace("limit=10", "limit=100")
                .replace("\"limit\": \"10\"", "\"limit\": \"100\""));
        long titled = 0;
        for (JsonNode task : page.json().path("tasks")) {
            titled += task.path("title").asText().equals(title) ? 1 : 0;
        }
        assertEquals(1, titled, page.toString());
    }

    @Test
    void logLines_areJson_andCarryTheRequestId() throws IOException {
        Invocation invalid = lambda.api().invoke(sample("create-task-invalid.json"), MARGIN);
        assertEquals(400, Answer.of(invalid).status());

        LambdaProcess process = lambda.processes().stream()
                .filter(candidate -> candidate.environment().name().equals(invalid.environment()))
                .findFirst().orElseThrow();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : process.logLines()) {
            if (line.contains(invalid.requestId())) {
                lines.add(JSON.readTree(line));
            }
        }

        // ProblemMapper logs each 4xx at INFO: that line, as JSON, names the request.
        assertFalse(lines.isEmpty(), "no log line with request id " + invalid.requestId() + ":\n" + process.logTail(40));
        JsonNode logged = lines.stream()
                .filter(line -> line.path("message").asText().contains("answered 400"))
                .findFirst().orElseThrow(() -> new AssertionError(lines.toString()));
        assertEquals(invalid.requestId(), logged.path("mdc").path("AWSRequestId").asText(), logged.toString());
        assertEquals("INFO", logged.path("level").asText());
        assertEquals("dev.taskapi.task.rest.ProblemMapper", logged.path("loggerName").asText());
        System.out.println("JSON log line: " + logged);
    }

    @Test
    void httpFront_servesTheFunction_withTheCallersJwtClaims() throws Exception {
        try (HttpApiFront front = HttpApiFront.start(lambda.api(), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            URI tasks = front.uri().resolve("/tasks");

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(tasks)
                    .header("Authorization", "Bearer " + ALICE_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Through the front\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String id = JSON.readTree(created.body()).path("id").asText();
            assertEquals(Optional.of("/tasks/" + id), created.headers().firstValue("Location"));

            HttpResponse<String> found = http.send(HttpRequest.newBuilder(tasks.resolve("/tasks/" + id))
                    .header("Authorization", "Bearer " + ALICE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, found.statusCode(), found.body());
            assertEquals(Optional.of("\"1\""), found.headers().firstValue("ETag"));

            // The template requires a caller: without claims there is no owner.
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(tasks).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertEquals(Optional.of("application/problem+json"), anonymous.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void openApiDocument_isInTheZip_andServedWithoutClaims() throws Exception {
        try (HttpApiFront front = HttpApiFront.start(lambda.api(), 0)) {
            HttpResponse<String> document = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(front.uri().resolve("/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // Generated at build time: only function.zip itself shows that the files were packaged.
            assertEquals(200, document.statusCode(), document.body());
            assertEquals(Optional.of("application/json;charset=UTF-8"), document.headers().firstValue("Content-Type"));
            assertEquals("Task API", JSON.readTree(document.body()).path("info").path("title").asText());
        }
    }

    private static String createdId() {
        Answer created = send(sample("create-task.json"));
        assertEquals(201, created.status(), created.toString());
        return created.json().path("id").asText();
    }

    private static String withHeader(String event, String name, String value) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event);
            ((ObjectNode) node.path("headers")).put(name, value);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> ids(JsonNode page) {
        Set<String> ids = new HashSet<>();
        page.path("tasks").forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private static Answer send(String event) {
        return Answer.of(lambda.api().invoke(event, MARGIN));
    }

    private static String sample(String name) {
        try {
            return Files.readString(EVENTS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sampleEvents() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    record Expected(int status, String contentType, BiConsumer<JsonNode, String> body) {
    }

    /** The API Gateway response (payload 2.0) the function answered. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer of(Invocation invocation) {
            assertFalse(invocation.failed(), () -> "the function failed: " + invocation.payload());
            try {
                JsonNode response = JSON.readTree(invocation.payload());
                Map<String, String> headers = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
                    headers.put(header.getKey(), header.getValue().asText());
                }
                JsonNode body = response.path("body");
                return new Answer(response.path("statusCode").asInt(), headers,
                        body.isMissingNode() || body.isNull() ? "" : body.asText());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + invocation.payload(), e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst().orElse("");
        }

        JsonNode json() {
            try {
                return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }
}
