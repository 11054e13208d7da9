package dev.taskapi.task.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API (version 2018-06-01) as the Lambda service serves it to a function's
 * runtime, for running a packaged function locally under Lambda's own runtime client.
 * <p>
 * Invocations wait in one queue; each goes to exactly one runtime that polls
 * {@code GET /2018-06-01/runtime/invocation/next}, and its answer (or error) completes the future
 * that {@link #submit} returned. Each execution environment gets a Runtime API listener of its own,
 * as each Lambda sandbox has: that is how an answer is known to come from one environment. Several
 * environments polling the same queue are Lambda scaling out.
 * <p>
 * Implemented: {@code invocation/next} (long poll, with the Lambda-Runtime-* headers),
 * {@code invocation/{id}/response}, {@code invocation/{id}/error} and {@code init/error}. Not
 * implemented: response streaming, SnapStart's {@code restore/*}, extensions and telemetry.
 */
public final class RuntimeApiEmulator implements AutoCloseable {

    static final String PATH = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_RESULT = Pattern.compile(PATH + "invocation/([^/]+)/(response|error)");
    private static final String ACCOUNT = "123456789012";

    private final String functionName;
    private final String region;
    private final Duration timeout;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final List<Environment> environments = new CopyOnWriteArrayList<>();
    private final AtomicInteger waitingPollers = new AtomicInteger();
    // One thread per connection at most: a poller holds one for as long as it waits.
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private RuntimeApiEmulator(String functionName, String region, Duration timeout) {
        this.functionName = functionName;
        this.region = region;
        this.timeout = timeout;
    }

    /**
     * A Runtime API for the function {@code functionName} in {@code region}; {@code timeout} is the
     * function's Timeout, which sets each invocation's deadline.
     */
    public static RuntimeApiEmulator create(String functionName, String region, Duration timeout) {
        return new RuntimeApiEmulator(functionName, region, timeout);
    }

    /**
     * Opens the Runtime API of a new execution environment on a free loopback port; give its
     * {@link Environment#runtimeApi()} to the runtime as {@code AWS_LAMBDA_RUNTIME_API}.
     */
    public Environment newEnvironment(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Environment environment = new Environment(name, server);
            server.createContext(PATH, exchange -> handle(environment, exchange));
            server.setExecutor(threads);
            server.start();
            environments.add(environment);
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Queues an invocation with {@code event} as its payload; the future completes with the runtime's answer. */
    public CompletableFuture<Invocation> submit(String event) {
        if (closed) {
            throw new IllegalStateException("The Runtime API is closed");
        }
        Pending pending = new Pending(UUID.randomUUID().toString(), event, System.nanoTime());
        queue.add(pending);
        return pending.result;
    }

    /** Invokes and waits for the answer, at most the function's timeout plus {@code margin}. */
    public Invocation invoke(String event, Duration margin) {
        CompletableFuture<Invocation> result = submit(event);
        try {
            return result.get(timeout.plus(margin).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an invocation", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The invocation failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer within " + timeout.plus(margin) + "; queued: " + queue.size()
                    + ", in flight: " + inFlight.size() + ", runtimes waiting: " + waitingPollers.get(), e);
        }
    }

    /** Waits until {@code count} runtimes are waiting for an invocation at the same time. */
    public void awaitWaitingPollers(int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (waitingPollers.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waitingPollers.get() + " of " + count + " runtimes waiting after " + limit);
            }
            sleep(10);
        }
    }

    /** How many runtimes are waiting for an invocation now. */
    public int waitingPollers() {
        return waitingPollers.get();
    }

    public List<Environment> environments() {
        return List.copyOf(environments);
    }

    /** Every environment's name and count served, for failure messages. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        environments.forEach(environment -> parts.add(environment.name + " served " + environment.served()));
        return String.join(", ", parts);
    }

    /** Ends every waiting invocation of {@code environment} with {@code cause}, as when its runtime dies. */
    void abandon(Environment environment, String cause) {
        inFlight.values().removeIf(pending -> {
            if (pending.environment == environment) {
                pending.result.completeExceptionally(new IllegalStateException(
                        "Execution environment " + environment.name + " ended during invocation "
                                + pending.requestId + ": " + cause));
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        closed = true;
        environments.forEach(environment -> environment.server.stop(0));
        threads.shutdownNow();
        IllegalStateException closedError = new IllegalStateException("The Runtime API was closed");
        queue.forEach(pending -> pending.result.completeExceptionally(closedError));
        inFlight.values().forEach(pending -> pending.result.completeExceptionally(closedError));
    }

    private void handle(Environment environment, HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = readAll(exchange.getRequestBody());
            Matcher result = INVOCATION_RESULT.matcher(path);
            if (method.equals("GET") && path.equals(PATH + "invocation/next")) {
                next(environment, exchange);
            } else if (method.equals("POST") && result.matches()) {
                complete(environment, exchange, result.group(1), result.group(2).equals("error"), body);
            } else if (method.equals("POST") && path.equals(PATH + "init/error")) {
                environment.initError = Optional.of(errorType(exchange) + ": " + new String(body, StandardCharsets.UTF_8));
                environment.initialised();
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"No such Runtime API path: " + method + " " + path + "\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void next(Environment environment, HttpExchange exchange) throws IOException {
        environment.initialised();
        Pending pending = take();
        if (pending == null) {
            send(exchange, 500, "{\"errorMessage\":\"The Runtime API is shutting down\"}");
            return;
        }
        pending.environment = environment;
        pending.delivered = System.nanoTime();
        inFlight.put(pending.requestId, pending);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", traceId());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            send(exchange, 200, pending.event);
        } catch (IOException e) {
            // The runtime went away between asking and receiving: the next runtime gets it.
            inFlight.remove(pending.requestId);
            pending.environment = null;
            queue.add(pending);
            throw e;
        }
    }

    private Pending take() {
        waitingPollers.incrementAndGet();
        try {
            while (!closed) {
                Pending pending = queue.poll(200, TimeUnit.MILLISECONDS);
                if (pending != null) {
                    return pending;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waitingPollers.decrementAndGet();
        }
    }

    private void complete(Environment environment, HttpExchange exchange, String requestId, boolean error, byte[] body)
            throws IOException {
        Pending pending = inFlight.get(requestId);
        if (pending == null || pending.environment != environment) {
            send(exchange, 400, "{\"errorMessage\":\"No invocation " + requestId + " in flight in this environment\","
                    + "\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        inFlight.remove(requestId);
        environment.served.incrementAndGet();
        String payload = new String(body, StandardCharsets.UTF_8);
        send(exchange, 202, "{\"status\":\"OK\"}");
        pending.result.complete(new Invocation(requestId, environment.name, payload,
                error ? Optional.of(errorType(exchange)) : Optional.empty(),
                Duration.ofNanos(pending.delivered - pending.queued),
                Duration.ofNanos(System.nanoTime() - pending.delivered)));
    }

    private static String errorType(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                .orElse("Unhandled");
    }

    private static String traceId() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(16) + ";Sampled=0";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * What one invocation got back: the runtime's payload (the API Gateway response, or the error
     * document when {@code errorType} is present), the environment that served it, how long it
     * waited in the queue and how long the runtime took from receiving it to answering.
     */
    public record Invocation(String requestId, String environment, String payload, Optional<String> errorType,
            Duration queued, Duration duration) {

        public boolean failed() {
            return errorType.isPresent();
        }
    }

    /** One execution environment: its own Runtime API listener and what it did. */
    public static final class Environment {
        private final String name;
        private final HttpServer server;
        private final long created = System.nanoTime();
        private final CompletableFuture<Void> initDone = new CompletableFuture<>();
        private final AtomicInteger served = new AtomicInteger();
        private volatile Optional<String> initError = Optional.empty();
        private volatile long firstPoll;

        private Environment(String name, HttpServer server) {
            this.name = name;
            this.server = server;
        }

        public String name() {
            return name;
        }

        /** The value of {@code AWS_LAMBDA_RUNTIME_API} for this environment's runtime: {@code host:port}. */
        public String runtimeApi() {
            InetSocketAddress address = server.getAddress();
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }

        /**
         * Waits until the runtime has initialised: it asks for its first invocation, or reports an
         * init error (then this throws). Returns the time from this environment's creation to then,
         * which is the cold start when the runtime was started right after creating the environment.
         */
        public Duration awaitInit(Duration limit) {
            try {
                initDone.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Environment " + name + " did not initialise within " + limit, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            initError.ifPresent(error -> {
                throw new IllegalStateException("Environment " + name + " reported an init error: " + error);
            });
            return Duration.ofNanos(firstPoll - created);
        }

        /** The init error the runtime reported, if any. */
        public Optional<String> initError() {
            return initError;
        }

        /** How many invocations this environment has answered. */
        public int served() {
            return served.get();
        }

        private synchronized void initialised() {
            if (firstPoll == 0) {
                firstPoll = System.nanoTime();
            }
            initDone.complete(null);
        }

        /** Fails {@link #awaitInit} at once, e.g. when the runtime process exited. */
        void initFailed(String cause) {
            initDone.completeExceptionally(new IllegalStateException(cause));
        }

        @Override
        public String toString() {
            return name + "@" + runtimeApi();
        }
    }

    private static final class Pending {
        final String requestId;
        final String event;
        final long queued;
        final CompletableFuture<Invocation> result = new CompletableFuture<>();
        volatile Environment environment;
        volatile long delivered;

        Pending(String requestId, String event, long queued) {
            this.requestId = requestId;
            this.event = event;
            this.queued = queued;
        }
    }
}
