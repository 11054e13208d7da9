package dev.taskapi.task.rest;

import static dev.taskapi.task.rest.RequestHeaders.IDEMPOTENCY_KEY;
import static dev.taskapi.task.rest.RequestHeaders.IDEMPOTENT_REPLAYED;

import java.util.List;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.taskapi.task.config.TaskConfig;
import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskNotFoundException;
import dev.taskapi.task.rest.dto.CreateTaskRequest;
import dev.taskapi.task.rest.dto.TaskListQuery;
import dev.taskapi.task.rest.dto.TaskPageResponse;
import dev.taskapi.task.rest.dto.TaskResponse;
import dev.taskapi.task.rest.dto.UpdateTaskRequest;
import dev.taskapi.task.service.CreatedTask;
import dev.taskapi.task.service.TaskService;

/**
 * The task routes: maps DTOs, picks status codes and headers, and leaves every rule to the service.
 * Errors every route can answer (400, 401, 500, 503; 413 and 415 with a body) are documented once,
 * in {@link TaskApi}.
 */
@Path("/tasks")
@Tag(name = "Tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final String ETAG_DOC = "The task's version in quotes, for If-Match";
    private static final String IF_MATCH_DOC = "Only change the task if its ETag is one of these; * for any. "
            + "Without it the last writer wins (unless the service requires If-Match: 428).";

    private final TaskService tasks;
    private final Caller caller;
    private final TaskConfig config;

    public TaskResource(TaskService tasks, Caller caller, TaskConfig config) {
        this.tasks = tasks;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a task")
    @APIResponse(responseCode = "201", description = "Created; a replay of an earlier request with the same Idempotency-Key "
            + "answers the same, with Idempotent-Replayed: true",
            content = @Content(schema = @Schema(implementation = TaskResponse.class)),
            headers = {
                @Header(name = "Location", description = "/tasks/{id}"),
                @Header(name = "ETag", description = ETAG_DOC),
                @Header(name = IDEMPOTENT_REPLAYED, description = "true on a replay") })
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response create(
            @Parameter(description = "Makes retries safe: the same key with the same body replays the first answer "
                    + "for 24 hours. 1 to 255 visible ASCII characters; scoped to the caller.")
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            CreateTaskRequest body) {
        CreatedTask created = tasks.create(caller.owner(), required(body).toNewTask(),
                RequestHeaders.idempotencyKey(idempotencyKey));
        Task task = created.task();
        // Relative, as RFC 9110 allows: behind API Gateway the absolute URL this service sees is not the client's.
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/tasks/" + task.id())
                .tag(etag(task))
                .entity(TaskResponse.of(task));
        if (created.replayed()) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a task")
    @APIResponse(responseCode = "200", description = "The task",
            content = @Content(schema = @Schema(implementation = TaskResponse.class)),
            headers = @Header(name = "ETag", description = ETAG_DOC))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response find(@PathParam("id") String id) {
        Task task = tasks.find(caller.owner(), id).orElseThrow(() -> new TaskNotFoundException(id));
        return Response.ok(TaskResponse.of(task)).tag(etag(task)).build();
    }

    @GET
    @Operation(summary = "List the caller's tasks, newest first",
            description = "A page of at most limit tasks; pass next_token back for the next page. "
                    + "Unknown query parameters are ignored; an empty one counts as absent.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = TaskPageResponse.class)))
    public TaskPageResponse list(
            @Parameter(description = "Only tasks with this status", schema = @Schema(enumeration = { "pending", "in_progress", "done" }))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1 to 100; default 20",
                    schema = @Schema(type = SchemaType.STRING, pattern = "[1-9][0-9]?|100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The next_token of the previous page, for the same status filter",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 512))
            @QueryParam("next_token") String nextToken) {
        TaskListQuery query = TaskListQuery.of(status, limit, nextToken);
        return TaskPageResponse.of(tasks.list(caller.owner(), query.status(), query.limit(), query.nextToken()));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change some fields of a task",
            description = "A partial update: absent fields are left as they are. Never creates a task.")
    @APIResponse(responseCode = "200", description = "The task as changed; its version is one higher",
            content = @Content(schema = @Schema(implementation = TaskResponse.class)),
            headers = @Header(name = "ETag", description = ETAG_DOC))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response update(@PathParam("id") String id,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            UpdateTaskRequest body) {
        Task task = tasks.update(caller.owner(), id, required(body).toChanges(),
                RequestHeaders.precondition(ifMatch, config.requireIfMatch()));
        return Response.ok(TaskResponse.of(task)).tag(etag(task)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a task")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response delete(@PathParam("id") String id,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch) {
        tasks.delete(caller.owner(), id, RequestHeaders.precondition(ifMatch, config.requireIfMatch()));
        return Response.noContent().build();
    }

    /** An empty body reaches a method as {@code null}. */
    private static <T> T required(T body) {
        if (body == null) {
            throw InvalidRequestException.invalidField("body", "is required: send a JSON object");
        }
        return body;
    }

    private static EntityTag etag(Task task) {
        return new EntityTag(task.etag());
    }
}
