package dev.taskapi.task.rest;

import java.util.Optional;
import java.util.OptionalLong;
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
import dev.taskapi.task.rest.dto.CreateTaskRequest;
import dev.taskapi.task.rest.dto.TaskPageResponse;
import dev.taskapi.task.rest.dto.TaskResponse;
import dev.taskapi.task.rest.dto.UpdateTaskRequest;
import dev.taskapi.task.service.TaskService;

/** The task routes: maps DTOs, picks status codes and headers, and leaves every rule to the service. */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final java.util.regex.Pattern STRONG_ETAG = java.util.regex.Pattern.compile("\"([0-9]{1,18})\"");
    private static final int DEFAULT_LIMIT = 20;

    private final TaskService tasks;
    private final Caller caller;
    private final TaskConfig config;

    public TaskResource(TaskService tasks, Caller caller, TaskConfig config) {
        this.tasks = tasks;
        this.caller = caller;
        this.config = config;
    }

    @POST
    public Response create(@NotNull(message = "is required: send a JSON object") @Valid CreateTaskRequest body) {
        Task task = tasks.create(caller.owner(), body.title(), body.descriptionIfGiven(), body.statusIfGiven());
        // Relative, as RFC 9110 allows: behind API Gateway the absolute URL this service sees is not the client's.
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/tasks/" + task.id())
                .tag(etag(task))
                .entity(TaskResponse.of(task))
                .build();
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
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @NotNull(message = "is required: send a JSON object") @Valid UpdateTaskRequest body) {
        if (body.toChanges().isEmpty()) {
            throw new InvalidRequestException("Send at least one of title, description and status.");
        }
        Task task = tasks.update(caller.owner(), id, body.toChanges(), expectedVersion(ifMatch));
        return Response.ok(TaskResponse.of(task)).tag(etag(task)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        tasks.delete(caller.owner(), id, expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    private static EntityTag etag(Task task) {
        return new EntityTag(task.etag());
    }

    /**
     * The version an If-Match header asks for. {@code *} asks only that the task exists. A weak,
     * malformed or multi-valued tag cannot match our single strong tag, so it asks for a version that
     * never exists and the write fails its condition as a stale one would.
     */
    private OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            if (config.requireIfMatch()) {
                throw new PreconditionRequiredException();
            }
            return OptionalLong.empty();
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return OptionalLong.empty();
        }
        Matcher strong = STRONG_ETAG.matcher(value);
        return OptionalLong.of(strong.matches() ? Long.parseLong(strong.group(1)) : -1);
    }
}
