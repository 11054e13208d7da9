package dev.taskapi.task.rest;

import java.util.Optional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.taskapi.task.config.TaskConfig;
import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskNotFoundException;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.domain.VersionPrecondition;
import dev.taskapi.task.rest.dto.CreateTaskRequest;
import dev.taskapi.task.rest.dto.TaskPageResponse;
import dev.taskapi.task.rest.dto.TaskResponse;
import dev.taskapi.task.rest.dto.UpdateTaskRequest;
import dev.taskapi.task.service.CreatedTask;
import dev.taskapi.task.service.TaskService;

/** The task routes: maps DTOs, picks status codes and headers, and leaves every rule to the service. */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final java.util.regex.Pattern STRONG_ETAG = java.util.regex.Pattern.compile("\"([0-9]{1,18})\"");
    private static final int DEFAULT_LIMIT = 20;
    /** More tags than any client needs; bounds the size of the write condition. */
    private static final int MAX_IF_MATCH_TAGS = 16;
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY_FORMAT =
            java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final TaskService tasks;
    private final Caller caller;
    private final TaskConfig config;

    public TaskResource(TaskService tasks, Caller caller, TaskConfig config) {
        this.tasks = tasks;
        this.caller = caller;
        this.config = config;
    }

    @POST
    public Response create(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull(message = "is required: send a JSON object") @Valid CreateTaskRequest body) {
        CreatedTask created = tasks.create(caller.owner(), body.toNewTask(), parseIdempotencyKey(idempotencyKey));
        Task task = created.task();
        // Relative, as RFC 9110 allows: behind API Gateway the absolute URL this service sees is not the client's.
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/tasks/" + task.id())
                .tag(etag(task))
                .entity(TaskResponse.of(task));
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    public Response find(@PathParam("id") String id) {
        Task task = tasks.find(caller.owner(), id).orElseThrow(() -> new TaskNotFoundException(id));
        return Response.ok(TaskResponse.of(task)).tag(etag(task)).build();
    }

    @GET
    public TaskPageResponse list(
            @QueryParam("status")
            @Pattern(regexp = TaskStatus.PATTERN, message = "must be one of pending, in_progress, done")
            String status,
            @QueryParam("limit")
            @Pattern(regexp = "[1-9][0-9]?|100", message = "must be an integer from 1 to 100")
            String limit,
            @QueryParam("next_token")
            @Size(max = 512, message = "is not a token this API issued")
            String nextToken) {
        return TaskPageResponse.of(tasks.list(
                caller.owner(),
                Optional.ofNullable(status).flatMap(TaskStatus::fromWire),
                limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit),
                Optional.ofNullable(nextToken)));
    }

    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            @NotNull(message = "is required: send a JSON object") @Valid UpdateTaskRequest body) {
        if (body.toChanges().isEmpty()) {
            throw new InvalidRequestException("Send at least one of title, description and status.");
        }
        Task task = tasks.update(caller.owner(), id, body.toChanges(), precondition(ifMatch));
        return Response.ok(TaskResponse.of(task)).tag(etag(task)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch) {
        tasks.delete(caller.owner(), id, precondition(ifMatch));
        return Response.noContent().build();
    }

    /**
     * The key of an Idempotency-Key header: a token of 1 to 255 visible ASCII characters, bare or,
     * as the IETF draft writes it (a Structured Fields string), in double quotes.
     */
    private static Optional<String> parseIdempotencyKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!IDEMPOTENCY_KEY_FORMAT.matcher(key).matches()) {
            throw InvalidRequestException.invalidField(IDEMPOTENCY_KEY,
                    "must be 1 to 255 visible ASCII characters");
        }
        return Optional.of(key);
    }

    private static EntityTag etag(Task task) {
        return new EntityTag(task.etag());
    }

    /**
     * What an If-Match header asks for (RFC 9110, 13.1.1): {@code *} only that the task exists; a
     * list of entity tags that the task's strong ETag be one of them. Weak or malformed tags can
     * never match a strong comparison, so they are dropped, and a list of nothing else fails as a
     * stale tag would.
     */
    private VersionPrecondition precondition(List<String> ifMatch) {
        if (ifMatch == null || ifMatch.isEmpty()) {
            if (config.requireIfMatch()) {
                throw new PreconditionRequiredException();
            }
            return VersionPrecondition.NONE;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : String.join(",", ifMatch).split(",")) {
            String value = tag.strip();
            if (value.equals("*")) {
                return VersionPrecondition.NONE;
            }
            Matcher strong = STRONG_ETAG.matcher(value);
            if (strong.matches() && versions.size() < MAX_IF_MATCH_TAGS) {
                versions.add(Long.parseLong(strong.group(1)));
            }
        }
        return VersionPrecondition.oneOf(versions);
    }
}
