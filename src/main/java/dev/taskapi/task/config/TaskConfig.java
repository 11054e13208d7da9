package dev.taskapi.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the task feature; every key can be overridden by its environment variable. */
@ConfigMapping(prefix = "tasks")
public interface TaskConfig {

    /** {@code tasks.table} (env {@code TABLE_NAME}): the DynamoDB table holding the tasks. */
    @WithDefault("Tasks")
    String table();

    /** {@code tasks.default-owner}: whose tasks an unauthenticated request reads and writes. */
    @WithDefault("local")
    String defaultOwner();

    /**
     * {@code tasks.auth-required} (env {@code TASKS_AUTH_REQUIRED}): whether a request must carry the
     * JWT claims of the HTTP API's authorizer. Without it, requests with no claims act as
     * {@link #defaultOwner()}.
     */
    @WithDefault("false")
    boolean authRequired();

    /**
     * {@code tasks.require-if-match} (env {@code TASKS_REQUIRE_IF_MATCH}): whether PUT and DELETE must
     * send If-Match (428 otherwise). Without it, a write with no If-Match is last-writer-wins.
     */
    @WithDefault("false")
    boolean requireIfMatch();
}
