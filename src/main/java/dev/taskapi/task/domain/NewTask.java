package dev.taskapi.task.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** What a client asks to create: a title, and optionally a description and a status. */
public record NewTask(String title, Optional<String> description, Optional<TaskStatus> status) {

    /**
     * Identifies the request, not its bytes: two bodies that ask for the same task (other spacing,
     * other key order) have the same fingerprint; an absent field differs from any given value.
     */
    public String fingerprint() {
        String canonical = String.join("\u0000",
                title,
                description.map(d -> "+" + d).orElse("-"),
                status.map(s -> "+" + s.wire()).orElse("-"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }
}
