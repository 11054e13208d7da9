package dev.taskapi.task.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the OpenAPI document at {@code /q/openapi}: the files that smallrye-open-api-maven-plugin
 * wrote at build time, as they are. The Quarkus extension that served it before parsed its stored
 * document and serialized it again at every cold start (70 to 100 ms, measured), even with the endpoint off.
 * <p>
 * It answers as the extension did: YAML, or JSON for {@code ?format=json}, for an {@code Accept} that
 * names {@code application/json}, or at {@code /q/openapi.json} ({@code .yaml} and {@code .yml} are
 * YAML). It is a Vert.x route outside JAX-RS, so the document stays public when the task routes
 * require a caller.
 */
@Singleton
public class OpenApiDocument {

    static final String PATH = "/q/openapi";
    private static final String YAML_FILE = "openapi/openapi.yaml";
    private static final String JSON_FILE = "openapi/openapi.json";
    private static final String ALLOWED = "GET, HEAD, OPTIONS";
    private static final String JSON = "application/json";
    // Spelled so: the Lambda adapter looks "Content-Type" up case-sensitively to decide whether a body
    // is text, and base64-encodes it otherwise.
    private static final String CONTENT_TYPE = "Content-Type";

    /** Dev mode reads the files at every request, so that regenerating them needs no restart. */
    private final boolean cache = LaunchMode.current() != LaunchMode.DEVELOPMENT;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        // Before the JAX-RS routes, which would answer 404 here. Blocking, because the first request
        // reads a file.
        router.routeWithRegex(PATH + "(\\.json|\\.yaml|\\.yml)?")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (HttpMethod.OPTIONS.equals(method)) {
            context.response().setStatusCode(204).putHeader("Allow", ALLOWED).end();
            return;
        }
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            // HttpLayer's failure handler answers the 405 problem, and keeps this header.
            context.response().putHeader("Allow", ALLOWED);
            context.fail(405);
            return;
        }
        boolean asJson = wantsJson(context);
        byte[] document = document(asJson ? JSON_FILE : YAML_FILE);
        context.response().putHeader(CONTENT_TYPE, (asJson ? JSON : "application/yaml") + ";charset=UTF-8");
        if (HttpMethod.HEAD.equals(method)) {
            context.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(document.length)).end();
        } else {
            context.response().end(Buffer.buffer(document));
        }
    }

    private static boolean wantsJson(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.endsWith(".json")) {
            return true;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return false;
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        String format = context.queryParam("format").stream().findFirst().orElse(null);
        return (accept != null && accept.contains(JSON)) || "json".equalsIgnoreCase(format);
    }

    private byte[] document(String file) {
        return cache ? loaded.computeIfAbsent(file, OpenApiDocument::read) : read(file);
    }

    private static byte[] read(String file) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                // Only a build that skipped the process-classes phase gets here.
                throw new IllegalStateException(file + " is missing from the classpath; ./mvnw process-classes writes it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
