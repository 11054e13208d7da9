package dev.taskapi.task.config;

import java.time.Duration;

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

    /**
     * {@code tasks.prime} (env {@code TASKS_PRIME}): whether the function gets the request path
     * ready before the first request, when no request waits for it. {@code auto}: it builds the
     * DynamoDB client during start-up for a SnapStart snapshot or provisioned concurrency, and
     * under SnapStart also sends two reading requests through the handler just before the snapshot.
     * {@code always} does both wherever it runs (the second only happens when a snapshot is taken);
     * {@code never} neither.
     */
    @WithDefault("auto")
    Priming prime();

    /** When the function primes the request path. */
    enum Priming {
        /** When Lambda does not initialise on demand, that is with no request waiting. */
        AUTO,
        ALWAYS,
        NEVER
    }

    /** Idempotency-Key handling on POST /tasks. */
    Idempotency idempotency();

    /** Settings of Idempotency-Key records. */
    interface Idempotency {

        /**
         * {@code tasks.idempotency.ttl} (env {@code TASKS_IDEMPOTENCY_TTL}): how long a key replays
         * its first answer. Past it the key counts as unused, even before DynamoDB's TTL deletes it.
         */
        @WithDefault("PT24H")
        Duration ttl();

        /**
         * {@code tasks.idempotency.in-flight-timeout}: after how long a key whose request never
         * finished may be taken over by a retry. At least the Lambda timeout, which ends any request.
         */
        @WithDefault("PT30S")
        Duration inFlightTimeout();
    }
}
