package dev.taskapi.task.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem: the one shape of every error this API answers. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(description = "Stable identifier of the kind of problem; switch on this",
                examples = "urn:task-api:problem:validation")
        String type,
        @Schema(examples = "Invalid request") String title,
        @Schema(examples = "400") int status,
        @Schema(description = "What went wrong with this request, for people", examples = "title: is required and must not be blank")
        String detail,
        @Schema(description = "One entry per invalid field (validation problems only)")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: a body field or query parameter by its wire name. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(examples = "title") String field,
            @Schema(examples = "is required and must not be blank") String message) {
    }
}
