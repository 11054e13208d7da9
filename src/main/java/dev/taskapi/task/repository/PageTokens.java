package dev.taskapi.task.repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import dev.taskapi.task.domain.InvalidPageTokenException;
import dev.taskapi.task.domain.Task;

/**
 * Opaque next_token values. A token carries only the id of the last task on a page, the status
 * filter it was issued for, and a tag of the owner it was issued to. The owner of a query always
 * comes from the caller, never from the token, so even a forged token can only position a read
 * inside the caller's own partition; the tag and the filter turn any foreign, stale or edited token
 * into a 400 instead of a silently different page.
 */
final class PageTokens {

    private static final String VERSION = "t1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageTokens() {
    }

    static String issue(String owner, Optional<String> status, String lastId) {
        String raw = String.join("|", VERSION, ownerTag(owner), status.orElse(""), lastId);
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The id to resume after, if {@code token} was issued to {@code owner} for this filter. */
    static String resumeAfter(String token, String owner, Optional<String> status) {
        String raw;
        try {
            raw = new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidPageTokenException();
        }
        String[] parts = raw.split("\\|", -1);
        if (parts.length != 4
                || !VERSION.equals(parts[0])
                || !ownerTag(owner).equals(parts[1])
                || !status.orElse("").equals(parts[2])
                || !Task.isWellFormedId(parts[3])) {
            throw new InvalidPageTokenException();
        }
        return parts[3];
    }

    private static String ownerTag(String owner) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }
}
