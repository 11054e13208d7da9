package dev.taskapi.task.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskapi.task.domain.VersionPrecondition;

/** Reads the request headers that carry meaning for writes: If-Match and Idempotency-Key. */
final class RequestHeaders {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private static final Pattern STRONG_ETAG = Pattern.compile("\"([0-9]{1,18})\"");
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** More tags than any client needs; bounds the size of the write condition. */
    private static final int MAX_IF_MATCH_TAGS = 16;

    private RequestHeaders() {
    }

    /**
     * What an If-Match header asks for (RFC 9110, 13.1.1): {@code *} only that the task exists; a
     * list of entity tags that the task's strong ETag be one of them. Weak or malformed tags can
     * never match a strong comparison, so they are dropped, and a list of nothing else fails as a
     * stale tag would.
     */
    static VersionPrecondition precondition(List<String> ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isEmpty()) {
            if (required) {
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

    /**
     * The key of an Idempotency-Key header: 1 to 255 visible ASCII characters, bare or, as the IETF
     * draft writes it (a Structured Fields string), in double quotes.
     */
    static Optional<String> idempotencyKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw InvalidRequestException.invalidField(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        return Optional.of(key);
    }
}
