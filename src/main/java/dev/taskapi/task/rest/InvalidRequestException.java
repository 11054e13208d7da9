package dev.taskapi.task.rest;

/** A request that is well-formed JSON but asks for nothing sensible; its message is shown to the client. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String detail) {
        super(detail, null, false, false);
    }
}
