package dev.taskapi.task.rest;

import jakarta.ws.rs.core.Response;

/** Builds problem answers for plain HTTP errors, the same whether JAX-RS or the HTTP layer found them. */
final class HttpProblems {

    private HttpProblems() {
    }

    static Problem problem(ProblemType type, int status, String detail) {
        String title = type.title() != null ? type.title() : Response.Status.Family.familyOf(status).name();
        Response.Status known = Response.Status.fromStatusCode(status);
        if (type == ProblemType.HTTP_ERROR && known != null) {
            title = known.getReasonPhrase();
        }
        return new Problem(type.uri(), title, status, detail, null);
    }

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not accept this method.";
            case 406 -> "This API answers with JSON only.";
            case 413 -> "The body is larger than the 64 KiB this API accepts.";
            case 415 -> "Send the body as application/json.";
            case 400 -> "The request is malformed; check that the body is valid JSON.";
            case 500 -> "Something went wrong on our side. It has been logged.";
            default -> "The request cannot be served.";
        };
    }
}
