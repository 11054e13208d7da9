package dev.taskapi.task.rest;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import dev.taskapi.task.config.TaskConfig;

/**
 * Who is calling. The owner of every task read or written is the {@code sub} claim that the HTTP
 * API's JWT authorizer verified, and never anything from the body, path or query.
 */
@RequestScoped
public class Caller {

    private final APIGatewayV2HTTPEvent event;
    private final TaskConfig config;

    public Caller(APIGatewayV2HTTPEvent event, TaskConfig config) {
        this.event = event;
        this.config = config;
    }

    /**
     * Refuses a request without an identity while one is required, before its body is read or its
     * parameters validated: an anonymous caller learns nothing, not even which inputs are valid.
     */
    @ServerRequestFilter
    public void authenticate() {
        owner();
    }

    /** The owner this request acts for; a 401 if authentication is required and missing. */
    public String owner() {
        Optional<String> subject = claims().map(claims -> claims.get("sub")).filter(sub -> !sub.isBlank());
        if (subject.isPresent()) {
            return subject.get();
        }
        if (config.authRequired()) {
            throw new UnauthenticatedException();
        }
        return config.defaultOwner();
    }

    private Optional<Map<String, String>> claims() {
        return Optional.ofNullable(event)
                .map(APIGatewayV2HTTPEvent::getRequestContext)
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims);
    }

    /** The request carries no verified identity while one is required. */
    public static class UnauthenticatedException extends RuntimeException {
        UnauthenticatedException() {
            super("No verified identity on the request", null, false, false);
        }
    }
}
