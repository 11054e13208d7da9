package dev.taskapi.task.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Sends raw API Gateway HTTP API (payload 2.0) events to the mock event server's {@code /_lambda_}
 * endpoint, as API Gateway would after its JWT authorizer: the only way to put claims on a request.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** A request as the user with JWT subject {@code sub}; {@code null} sends no authorizer at all. */
    public static Request as(String sub) {
        return new Request(sub);
    }

    /**
     * What API Gateway would answer: the body as the client gets it, and whether the function sent
     * it base64-encoded (as it does for whatever it takes for binary).
     */
    public record Answer(int status, Map<String, String> headers, String body, boolean base64) {

        public JsonPath json() {
            return new JsonPath(body);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    /** One request, built up then sent. */
    public static final class Request {
        private final String sub;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Request(String sub) {
            this.sub = sub;
        }

        /** Adds a header; a {@code null} value sends no such header, not even the default Content-Type. */
        public Request header(String name, String value) {
            headers.put(name.toLowerCase(), value);
            return this;
        }

        public Answer get(String pathAndQuery) {
            return send("GET", pathAndQuery, null);
        }

        public Answer delete(String path) {
            return send("DELETE", path, null);
        }

        public Answer post(String path, String json) {
            return send("POST", path, json);
        }

        public Answer put(String path, String json) {
            return send("PUT", path, json);
        }

        public Answer send(String method, String pathAndQuery, String body) {
            return send(method, pathAndQuery, body, false);
        }

        /** Sends {@code body} as API Gateway sends what it takes for binary: base64-encoded. */
        public Answer sendBytes(String method, String pathAndQuery, byte[] body) {
            return send(method, pathAndQuery, Base64.getEncoder().encodeToString(body), true);
        }

        private Answer send(String method, String pathAndQuery, String body, boolean bodyIsBase64) {
            String[] parts = pathAndQuery.split("\\?", 2);
            Map<String, String> eventHeaders = new HashMap<>(headers);
            if (body != null && !headers.containsKey("content-type")) {
                eventHeaders.put("content-type", "application/json");
            }
            eventHeaders.values().removeIf(Objects::isNull);
            Map<String, Object> requestContext = new HashMap<>();
            requestContext.put("http", Map.of("method", method, "path", parts[0], "protocol", "HTTP/1.1",
                    "sourceIp", "127.0.0.1", "userAgent", "tests"));
            requestContext.put("requestId", UUID.randomUUID().toString());
            requestContext.put("routeKey", "$default");
            requestContext.put("stage", "$default");
            if (sub != null) {
                requestContext.put("authorizer", Map.of("jwt", Map.of(
                        "claims", Map.of("sub", sub, "iss", "https://issuer.example"), "scopes", List.of())));
            }
            Map<String, Object> event = new HashMap<>();
            event.put("version", "2.0");
            event.put("routeKey", "$default");
            event.put("rawPath", parts[0]);
            event.put("rawQueryString", parts.length > 1 ? parts[1] : "");
            event.put("headers", eventHeaders);
            event.put("requestContext", requestContext);
            event.put("isBase64Encoded", bodyIsBase64);
            if (body != null) {
                event.put("body", body);
            }
            String raw = given().contentType(ContentType.JSON).body(event)
                    .when().post("/_lambda_")
                    .then().statusCode(200)
                    .extract().asString();
            if (!raw.startsWith("{")) {
                throw new AssertionError("The mock event server did not answer a v2 response: " + raw);
            }
            JsonPath response = new JsonPath(raw);
            Map<String, String> answerHeaders = response.getMap("headers", String.class, String.class);
            String answerBody = response.getString("body");
            boolean base64 = response.getBoolean("isBase64Encoded");
            if (base64 && answerBody != null) {
                // As API Gateway does before it answers the client.
                answerBody = new String(Base64.getDecoder().decode(answerBody), StandardCharsets.UTF_8);
            }
            return new Answer(response.getInt("statusCode"),
                    answerHeaders == null ? Map.of() : answerHeaders, answerBody, base64);
        }
    }
}
