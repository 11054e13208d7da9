package dev.taskapi.task.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The REST application, here for its OpenAPI definition: the API's description and every problem
 * response, declared once with an example. {@link OpenApiProblems} adds them to the operations.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Task API", version = "1.0",
                description = "Tasks on AWS Lambda and DynamoDB. Every error is an RFC 9457 problem "
                        + "(application/problem+json) whose type is a stable URN."),
        components = @Components(responses = {
            @APIResponse(name = "BadRequest", responseCode = "400",
                    description = "Invalid input (type urn:task-api:problem:validation, with errors per field) "
                            + "or a malformed body (urn:task-api:problem:malformed-body). Nothing was stored.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "validation", value = """
                                    {"type": "urn:task-api:problem:validation", "title": "Invalid request", "status": 400,
                                     "detail": "title: is required and must not be blank",
                                     "errors": [{"field": "title", "message": "is required and must not be blank"}]}"""))),
            @APIResponse(name = "Unauthorized", responseCode = "401",
                    description = "No verified identity while the service requires one",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "NotFound", responseCode = "404",
                    description = "No such task for this caller (whether another user has one is never said)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "not-found", value = """
                                    {"type": "urn:task-api:problem:not-found", "title": "Not found", "status": 404,
                                     "detail": "No task with this id."}"""))),
            @APIResponse(name = "Conflict", responseCode = "409",
                    description = "A request with the same Idempotency-Key is still being processed; retry shortly",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "PreconditionFailed", responseCode = "412",
                    description = "If-Match does not match the task's current ETag; nothing was changed",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "PayloadTooLarge", responseCode = "413", description = "The body is over 64 KiB",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "The body is not application/json",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "Unprocessable", responseCode = "422",
                    description = "The Idempotency-Key was first used with a different request",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "PreconditionRequired", responseCode = "428",
                    description = "The service requires If-Match on writes and none was sent",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "Internal", responseCode = "500", description = "An unexpected failure, logged with the request id",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = "Unavailable", responseCode = "503",
                    description = "The task store cannot be reached now; retry after Retry-After seconds",
                    headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"),
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        }))
public class TaskApi extends Application {
}
