package dev.taskapi.task.rest;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.taskapi.task.domain.IdempotencyKeyInFlightException;
import dev.taskapi.task.domain.IdempotencyKeyReusedException;
import dev.taskapi.task.domain.InvalidPageTokenException;
import dev.taskapi.task.domain.TaskNotFoundException;
import dev.taskapi.task.domain.TaskRejectedException;
import dev.taskapi.task.domain.TaskStoreUnavailableException;
import dev.taskapi.task.domain.TaskVersionMismatchException;
import dev.taskapi.task.rest.Problem.FieldError;

/**
 * The one place where exceptions become HTTP answers: RFC 9457 problems whose detail is written
 * here for people, never taken from an exception. Client errors are logged at INFO without their
 * exception; anything unexpected is a generic 500, logged at ERROR (the request id is in the MDC).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Seconds a client should wait before retrying when the task store is unavailable. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response notFound(TaskNotFoundException e, ContainerRequestContext request) {
        return answer(request, ProblemType.NOT_FOUND, "No task with this id.");
    }

    @ServerExceptionMapper
    public Response versionMismatch(TaskVersionMismatchException e, ContainerRequestContext request) {
        return answer(request, ProblemType.PRECONDITION_FAILED,
                "The task has changed since the version in If-Match. Read it again, then retry.");
    }

    @ServerExceptionMapper
    public Response preconditionRequired(PreconditionRequiredException e, ContainerRequestContext request) {
        return answer(request, ProblemType.PRECONDITION_REQUIRED,
                "Send If-Match with the task's ETag to change or delete it.");
    }

    @ServerExceptionMapper
    public Response unauthenticated(Caller.UnauthenticatedException e, ContainerRequestContext request) {
        // RFC 9110 requires a 401 to name the scheme it wants.
        return Response.fromResponse(answer(request, ProblemType.UNAUTHORIZED, "This API needs a valid bearer token."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response invalidToken(InvalidPageTokenException e, ContainerRequestContext request) {
        return invalid(request, List.of(new FieldError("next_token", "is not a token this API issued for this query")));
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, ContainerRequestContext request) {
        if (e.fields().isEmpty()) {
            return answer(request, ProblemType.VALIDATION, e.getMessage());
        }
        return invalid(request, e.fields().entrySet().stream()
                .map(field -> new FieldError(field.getKey(), field.getValue()))
                .toList());
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e, ContainerRequestContext request) {
        return answer(request, ProblemType.UNPROCESSABLE,
                "This Idempotency-Key was used with a different request. Use a new key for a new request.");
    }

    @ServerExceptionMapper
    public Response keyInFlight(IdempotencyKeyInFlightException e, ContainerRequestContext request) {
        return answer(request, ProblemType.CONFLICT,
                "A request with this Idempotency-Key is still being processed. Retry shortly.");
    }

    @ServerExceptionMapper
    public Response rejected(TaskRejectedException e, ContainerRequestContext request) {
        return answer(request, ProblemType.VALIDATION, "The task cannot be stored as given.");
    }

    @ServerExceptionMapper
    public Response unavailable(TaskStoreUnavailableException e, ContainerRequestContext request) {
        LOG.warnf("%s %s answered 503: the task store is unavailable (%s)", request.getMethod(), path(request),
                rootCauseName(e));
        return Response.fromResponse(problem(ProblemType.UNAVAILABLE,
                "The service cannot reach its storage right now. Retry shortly."))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper({ MismatchedInputException.class, JsonMappingException.class })
    public Response unmappableBody(JsonMappingException e, ContainerRequestContext request) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return answer(request, ProblemType.MALFORMED_BODY, "The body must be one JSON object.");
        }
        return invalid(request, List.of(new FieldError(field, describe(e))));
    }

    @ServerExceptionMapper({ JsonParseException.class, StreamConstraintsException.class, JsonProcessingException.class })
    public Response malformedBody(JsonProcessingException e, ContainerRequestContext request) {
        return answer(request, ProblemType.MALFORMED_BODY,
                "The body is not valid JSON, or nests too deeply, or holds a value that is too long.");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        ProblemType type = ProblemType.forStatus(status);
        Response answer = answer(request, type, status, HttpProblems.detailFor(status));
        // Keep what the HTTP layer says about the error, such as Allow on a 405.
        Response.ResponseBuilder builder = Response.fromResponse(answer);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        LOG.errorf(e, "%s %s failed unexpectedly", request.getMethod(), path(request));
        return problem(ProblemType.INTERNAL, HttpProblems.detailFor(500));
    }

    private static Response invalid(ContainerRequestContext request, List<FieldError> errors) {
        String detail = errors.stream()
                .map(error -> error.field() + ": " + error.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is not valid.");
        LOG.infof("%s %s answered 400 (%s)", request.getMethod(), path(request), detail);
        ProblemType type = ProblemType.VALIDATION;
        return HttpProblems.response(new Problem(type.uri(), type.title(), type.status(), detail, errors));
    }

    private static Response answer(ContainerRequestContext request, ProblemType type, String detail) {
        return answer(request, type, type.status(), detail);
    }

    private static Response answer(ContainerRequestContext request, ProblemType type, int status, String detail) {
        LOG.infof("%s %s answered %d %s", request.getMethod(), path(request), status, type.uri());
        return HttpProblems.response(HttpProblems.problem(type, status, detail));
    }

    private static Response problem(ProblemType type, String detail) {
        return HttpProblems.response(HttpProblems.problem(type, type.status(), detail));
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getPath();
    }

    private static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target == String.class) {
                return "must be a string";
            }
            if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
                return "must be a number";
            }
        }
        return "has the wrong type";
    }
}
