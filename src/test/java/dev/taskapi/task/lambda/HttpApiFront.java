package dev.taskapi.task.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the API Gateway HTTP API in front of the function: turns each HTTP request
 * into a payload 2.0 event, invokes the function through a {@link RuntimeApiEmulator}, and turns
 * its answer back into HTTP, as {@code sam local start-api} does, without Docker.
 * <p>
 * The deployed API verifies a JWT before the function sees a request. Here a bearer JWT is only
 * decoded, never verified, and its claims are handed on as the authorizer's: any token will do,
 * e.g. {@code eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.} for the user {@code alice}.
 */
public final class HttpApiFront implements AutoCloseable {

    /** The HTTP API ends an integration after 30 s with a 503, whatever the function's timeout. */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final Map<String, String> JSON_TYPE = Map.of("content-type", "application/json");

    private final RuntimeApiEmulator api;
    private final HttpServer server;
    private final ExecutorService threads;

    private HttpApiFront(RuntimeApiEmulator api, HttpServer server, ExecutorService threads) {
        this.api = api;
        this.server = server;
        this.threads = threads;
    }

    /** Listens on {@code port} of the loopback interface (0: any free one). */
    public static HttpApiFront start(RuntimeApiEmulator api, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService threads = Executors.newFixedThreadPool(16);
            HttpApiFront front = new HttpApiFront(api, server, threads);
            server.createContext("/", front::handle);
            server.setExecutor(threads);
            server.start();
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    public URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().add("Apigw-Requestid", requestId);
            String payload;
            try {
                RuntimeApiEmulator.Invocation invocation = api.submit(event(exchange, requestId))
                        .get(INTEGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (invocation.failed()) {
                    send(exchange, 500, JSON_TYPE, "{\"message\":\"Internal Server Error\"}");
                    return;
                }
                payload = invocation.payload();
            } catch (TimeoutException | ExecutionException e) {
                send(exchange, 503, JSON_TYPE, "{\"message\":\"Service Unavailable\"}");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            respond(exchange, payload);
        } finally {
            exchange.close();
        }
    }

    /** The payload format 2.0 event API Gateway would send for this request. */
    static String event(HttpExchange exchange, String requestId) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("cookie")) {
                values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = Optional.ofNullable(uri.getRawQuery()).orElse("");
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                query.merge(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "", (a, b) -> a + "," + b);
            }
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "localhost"));
        context.put("domainPrefix", "local");
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        claims(headers.get("authorization")).ifPresent(claims ->
                context.put("authorizer", Map.of("jwt", Map.of("claims", claims, "scopes", List.of()))));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        event.put("requestContext", context);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            Optional<String> text = utf8(body);
            event.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
            event.put("isBase64Encoded", text.isEmpty());
        } else {
            event.put("isBase64Encoded", false);
        }
        return JSON.writeValueAsString(event);
    }

    /** The claims of a bearer JWT, decoded and not verified: local use only. */
    static Optional<Map<String, Object>> claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]),
                    new TypeReference<Map<String, Object>>() {
                    });
            // API Gateway hands claims on as strings.
            Map<String, Object> strings = new LinkedHashMap<>();
            claims.forEach((name, value) -> strings.put(name, value instanceof String ? value : String.valueOf(value)));
            return Optional.of(strings);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes the function's payload 2.0 response as HTTP. */
    private static void respond(HttpExchange exchange, String payload) throws IOException {
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            send(exchange, 500, JSON_TYPE, "{\"message\":\"Internal Server Error\"}");
            return;
        }
        if (response == null || !response.isObject() || !response.has("statusCode")) {
            // Payload 2.0 without a statusCode: the whole answer is a JSON body with status 200.
            send(exchange, 200, JSON_TYPE, payload);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : response.path("multiValueHeaders").properties()) {
            header.getValue().forEach(value -> headers.merge(header.getKey(), value.asText(), (a, b) -> a + "," + b));
        }
        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            headers.put(header.getKey(), header.getValue().asText());
        }
        response.path("cookies").forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie.asText()));
        String body = response.path("body").isNull() ? "" : response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.get("statusCode").asInt(), headers, bytes);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
                exchange.getResponseHeaders().add(name, value);
            }
        });
        boolean empty = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
