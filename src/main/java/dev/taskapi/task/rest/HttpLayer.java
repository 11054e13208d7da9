package dev.taskapi.task.rest;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What happens to a request before JAX-RS sees it, in the HTTP layer that the Lambda adapter feeds.
 * <ul>
 * <li>The Lambda request id goes into the logging context, so every line of the request carries it.
 * The runtime puts it there only on its polling thread, not on the threads that serve the request.</li>
 * <li>A body over {@code quarkus.http.limits.max-body-size} gets a 413 problem. Quarkus' own check
 * answers the same status with an empty body, so this one runs first. It measures the body of the
 * API Gateway event itself, because a client that sends its body in chunks sends no Content-Length.</li>
 * <li>A body without a Content-Type gets a 415 problem. JAX-RS would read it as the JSON the route
 * consumes; a browser sends such a body cross-origin without a preflight ({@code fetch} with a
 * {@code Blob}), so it is refused as text/plain and form bodies are.</li>
 * </ul>
 */
@Singleton
public class HttpLayer {

    static final String REQUEST_ID = "AWSRequestId";
    private static final String CONTENT_TYPE = "Content-Type";
    private static final Logger LOG = Logger.getLogger(HttpLayer.class);

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public HttpLayer(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // Just after Quarkus' own first handlers, which add the configured response headers.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::handle).failureHandler(this::fail);
    }

    /** Anything that fails in the HTTP layer, outside JAX-RS and its mappers, still answers a problem. */
    private void fail(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode() < 400 ? 500 : context.statusCode();
        if (status >= 500) {
            LOG.errorf(context.failure(), "%s %s failed in the HTTP layer", context.request().method(),
                    context.request().path());
            send(context, HttpProblems.problem(ProblemType.INTERNAL, 500, HttpProblems.detailFor(500)));
        } else {
            LOG.infof("%s %s answered %d in the HTTP layer", context.request().method(), context.request().path(), status);
            send(context, HttpProblems.problem(ProblemType.forStatus(status), status, HttpProblems.detailFor(status)));
        }
    }

    private void handle(RoutingContext context) {
        APIGatewayV2HTTPEvent event = null;
        if (context.request().headers() instanceof QuarkusHttpHeaders headers) {
            Context lambda = headers.getContextObject(Context.class);
            if (lambda != null) {
                MDC.put(REQUEST_ID, lambda.getAwsRequestId());
            }
            event = headers.getContextObject(APIGatewayV2HTTPEvent.class);
        }
        if (isOverLimit(event) || declaredLength(context) > maxBodyBytes) {
            LOG.infof("%s %s answered 413", context.request().method(), context.request().path());
            send(context, HttpProblems.problem(ProblemType.PAYLOAD_TOO_LARGE, 413, HttpProblems.detailFor(413)));
            return;
        }
        if (hasBody(event, context) && context.request().getHeader(CONTENT_TYPE) == null) {
            LOG.infof("%s %s answered 415 (a body without Content-Type)", context.request().method(),
                    context.request().path());
            send(context, HttpProblems.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, 415, HttpProblems.detailFor(415)));
            return;
        }
        context.next();
    }

    private static boolean hasBody(APIGatewayV2HTTPEvent event, RoutingContext context) {
        if (event != null) {
            return event.getBody() != null && !event.getBody().isEmpty();
        }
        return declaredLength(context) > 0 || context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private boolean isOverLimit(APIGatewayV2HTTPEvent event) {
        String body = event == null ? null : event.getBody();
        if (body == null || body.length() <= maxBodyBytes / 4) {
            return false; // no character takes more than 4 bytes, in UTF-8 or in base64 of it
        }
        long bytes = event.getIsBase64Encoded()
                ? body.length() / 4 * 3
                : body.getBytes(StandardCharsets.UTF_8).length;
        return bytes > maxBodyBytes;
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    private void send(RoutingContext context, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        // Spelled as JAX-RS spells it: the Lambda adapter looks up "Content-Type" case-sensitively to
        // decide whether a body is text, and base64-encodes it otherwise.
        context.response()
                .setStatusCode(problem.status())
                .putHeader(CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
