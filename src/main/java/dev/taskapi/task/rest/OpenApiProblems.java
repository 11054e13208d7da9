package dev.taskapi.task.rest;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the problem responses that {@link TaskApi} declares to every operation that can give them.
 * smallrye-open-api-maven-plugin runs this filter at build time (see pom.xml).
 */
public class OpenApiProblems implements OASFilter {

    // Sorted: Map.of iterates in an order that changes from one JVM to the next, and so would the
    // order of the responses in the document.
    private static final Map<String, String> EVERY_OPERATION = new TreeMap<>(Map.of(
            "400", "BadRequest", "401", "Unauthorized", "500", "Internal", "503", "Unavailable"));
    private static final Map<String, String> WITH_A_BODY = new TreeMap<>(Map.of(
            "413", "PayloadTooLarge", "415", "UnsupportedMediaType"));

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach((status, name) -> addRef(responses, status, name));
        if (operation.getRequestBody() != null) {
            WITH_A_BODY.forEach((status, name) -> addRef(responses, status, name));
        }
        return operation;
    }

    private static void addRef(APIResponses responses, String status, String name) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        }
    }
}
