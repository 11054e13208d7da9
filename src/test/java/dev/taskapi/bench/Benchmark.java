package dev.taskapi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.taskapi.local.Dynalite;
import dev.taskapi.task.domain.Task;
import dev.taskapi.task.domain.TaskStatus;
import dev.taskapi.task.lambda.LambdaProcess;
import dev.taskapi.task.lambda.LambdaProcess.LambdaFunction;
import dev.taskapi.task.lambda.RuntimeApiEmulator;
import dev.taskapi.task.lambda.SamDeployment;
import dev.taskapi.task.repository.TaskItems;
import dev.taskapi.task.service.TaskIds;
import dev.taskapi.task.support.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The performance benchmark of issue 6 ({@code bench/run.sh} runs it): the packaged Task API, the
 * floor function ({@code bench/floor}) and the Python peer ({@code bench/python/peer.py}), each run
 * as Lambda runs it (a runtime polling a Runtime API emulator, Lambda's JVM flags and environment)
 * against one dynalite whose table is created from the SAM template. Every measurement interleaves
 * the variants round-robin, so that whatever else the machine does slows them alike, and reports
 * medians. Writes {@code results.md}, {@code latency.png} and {@code samples.csv} to the output folder.
 */
public final class Benchmark {

    static final String REGION = "us-east-1";
    static final Duration INIT_LIMIT = Duration.ofSeconds(120);
    static final Duration MARGIN = Duration.ofSeconds(10);
    static final String OWNER = "bench";
    static final String WRITER = "bench-writes";
    static final String SMALL = "scale-100";
    static final String LARGE = "scale-10000";
    static final int PAGE = 20;
    static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final Path work;
    private final List<String> notes = new ArrayList<>();
    /** Per variant: time to the runtime's first poll, and then to the first answer. */
    private final Map<String, List<Double>> coldInit = new LinkedHashMap<>();
    private final Map<String, List<Double>> coldFirst = new LinkedHashMap<>();
    private String commandLine = "";
    /** The warm phase's runtimes, for a thread dump when one stops answering. */
    private Map<String, LambdaProcess> processes = Map.of();

    private Benchmark(Options options) {
        this.options = options;
        this.work = Path.of("target", "bench");
    }

    public static void main(String[] args) throws Exception {
        // The Runtime API emulator is the JDK's HttpServer, which writes a response's headers and body
        // apart; without TCP_NODELAY each answer to a runtime then waits for its delayed ACK (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Benchmark benchmark = new Benchmark(Options.parse(args));
        benchmark.commandLine = String.join(" ", args);
        benchmark.run();
    }

    /** Command-line options; see bench/run.sh. */
    record Options(Path template, Path ours, Path floor, Path peer, Optional<String> python, int coldStarts,
            int warmRequests, int warmUp, int scaleTasks, Path out, Map<String, String> oursEnv, Map<String, String> floorEnv, boolean coldOnly,
            Map<String, Path> compare) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Options(
                    Path.of(given.getOrDefault("template", "sam.jvm.yaml")),
                    Path.of(given.getOrDefault("ours", "target/function.zip")),
                    Path.of(given.getOrDefault("floor", "bench/floor/target/function.zip")),
                    Path.of(given.getOrDefault("peer", "bench/python/peer.py")),
                    Optional.ofNullable(given.get("python")).filter(value -> !value.isBlank()),
                    Integer.parseInt(given.getOrDefault("cold", "11")),
                    Integer.parseInt(given.getOrDefault("warm", "1000")),
                    Integer.parseInt(given.getOrDefault("warm-up", "1500")),
                    Integer.parseInt(given.getOrDefault("scale", "10000")),
                    Path.of(given.getOrDefault("out", "bench/results")),
                    variables(given.getOrDefault("ours-env", "")),
                    variables(given.getOrDefault("floor-env", "")),
                    Boolean.parseBoolean(given.getOrDefault("cold-only", "false")),
                    zips(given.getOrDefault("compare", "")));
        }

        /** {@code name=path;name=path}: other builds of the Task API, measured as ours is. */
        private static Map<String, Path> zips(String spec) {
            Map<String, Path> zips = new LinkedHashMap<>();
            variables(spec).forEach((name, path) -> zips.put(name, Path.of(path)));
            return zips;
        }

        /** {@code K=V;K=V}: extra variables for a function, to measure a setting without rebuilding. */
        private static Map<String, String> variables(String spec) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String pair : spec.split(";")) {
                if (!pair.isBlank()) {
                    variables.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            return variables;
        }
    }

    private void run() throws Exception {
        String loadBefore = Machine.loadAverage();
        SamDeployment deployment = SamDeployment.load(options.template(), REGION, Map.of());
        String date = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        try (Dynalite dynalite = Dynalite.start(Dynalite.freePort(), Optional.empty())) {
            String table = deployment.tableName();
            try (DynamoDbClient dynamo = LocalDynamoDb.client(dynalite.endpoint())) {
                dynamo.createTable(deployment.createTableRequest());
                dynamo.waiter().waitUntilTableExists(describe -> describe.tableName(table));
                log("Seeding %d + %d tasks (BatchWriteItem)", options.scaleTasks(), 100);
                String taskId = seed(dynamo, table, OWNER, 1).get(0);
                seed(dynamo, table, SMALL, 100);
                seed(dynamo, table, LARGE, options.scaleTasks());

                Path jni = LambdaProcess.unpackJniLibrary(work.resolve("lambda-runtime"));
                List<Variant> variants = new ArrayList<>();
                Map<String, String> ourVariables = new LinkedHashMap<>(deployment.environment());
                ourVariables.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
                ourVariables.putAll(options.oursEnv());
                Map<String, Path> taskApis = new LinkedHashMap<>();
                taskApis.put("ours", options.ours());
                taskApis.putAll(options.compare());
                for (Map.Entry<String, Path> build : taskApis.entrySet()) {
                    variants.add(Variant.java(build.getKey(), true, build.getValue(), new LambdaFunction("task-api",
                            deployment.runtime(), LambdaProcess.unzip(build.getValue(), work.resolve(build.getKey())),
                            deployment.handler(), deployment.memorySize(), deployment.logFormat(), REGION, ourVariables),
                            jni, Events.get("/tasks/" + taskId, OWNER)));
                }

                Map<String, String> floorVariables = new LinkedHashMap<>();
                floorVariables.put("TABLE_NAME", table);
                floorVariables.put("FLOOR_OWNER", OWNER);
                floorVariables.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
                // The same JVM options as ours: the template's, applied to both.
                Optional.ofNullable(deployment.environment().get("JAVA_TOOL_OPTIONS"))
                        .ifPresent(value -> floorVariables.put("JAVA_TOOL_OPTIONS", value));
                floorVariables.putAll(options.floorEnv());
                variants.add(Variant.java("floor", false, options.floor(), new LambdaFunction("floor", deployment.runtime(),
                        LambdaProcess.unzip(options.floor(), work.resolve("floor")), deployment.handler(),
                        deployment.memorySize(), deployment.logFormat(), REGION, floorVariables), jni, Events.get("/items/" + taskId, OWNER)));

                // --python none leaves the peer out.
                Optional<String> python = options.python().isPresent()
                        ? options.python().filter(value -> !value.equals("none"))
                        : Machine.pythonWithBoto3();
                if (python.isPresent()) {
                    Map<String, String> peerVariables = new LinkedHashMap<>();
                    peerVariables.put("TABLE_NAME", table);
                    peerVariables.put("FLOOR_OWNER", OWNER);
                    peerVariables.put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
                    variants.add(Variant.command("python", options.peer(), new LambdaFunction("python-peer", "python3.12",
                            options.peer().toAbsolutePath().getParent(), "peer.handler", deployment.memorySize(), "TEXT", REGION,
                            peerVariables), List.of(python.get(), options.peer().toAbsolutePath().toString()),
                            Events.get("/items/" + taskId, OWNER)));
                } else {
                    notes.add("The Python peer was skipped: no python3 with boto3 found (apt-get install python3-boto3).");
                }

                Map<String, List<Double>> cold = coldStarts(variants);
                if (options.coldOnly()) {
                    cold.forEach((name, values) -> log("cold %-6s median %.0f ms", name, Report.median(values)));
                    return;
                }
                Results results = warm(variants, taskId);
                String loadAfter = Machine.loadAverage();
                Map<String, Long> zipBytes = new LinkedHashMap<>();
                variants.forEach(variant -> zipBytes.put(variant.name(), variant.zipBytes()));
                Report.write(options.out(), new Report.Run(date, Machine.describe(), loadBefore, loadAfter,
                        python.map(Machine::pythonVersion).orElse("skipped"), cold, results.latencies(),
                        results.rssAfterWarmUpKb(), results.rssKb(), zipBytes, results.scaling(), options.scaleTasks(),
                        options.warmUp(), notes, coldInit, coldFirst, commandLine));
                log("Results in %s", options.out());
            }
        }
    }

    /** Each variant started fresh {@code coldStarts} times, in rotating order; time to the first answer. */
    private Map<String, List<Double>> coldStarts(List<Variant> variants) {
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        variants.forEach(variant -> cold.put(variant.name(), new ArrayList<>()));
        for (int trial = 0; trial < options.coldStarts(); trial++) {
            List<Variant> order = new ArrayList<>(variants);
            Collections.rotate(order, trial);
            for (Variant variant : order) {
                try (RuntimeApiEmulator api = RuntimeApiEmulator.create(variant.name(), REGION, Duration.ofSeconds(29))) {
                    long start = System.nanoTime();
                    try (LambdaProcess process = variant.start(api, "cold-" + trial, work)) {
                        RuntimeApiEmulator.Invocation first = api.invoke(variant.probe(), INIT_LIMIT);
                        double millis = (System.nanoTime() - start) / 1e6;
                        expectStatus(variant.name() + " cold start", first, 200);
                        cold.get(variant.name()).add(millis);
                        coldInit.computeIfAbsent(variant.name(), name -> new ArrayList<>())
                                .add(first.queued().toNanos() / 1e6);
                        coldFirst.computeIfAbsent(variant.name(), name -> new ArrayList<>())
                                .add(first.duration().toNanos() / 1e6);
                        log("cold %-6s #%d %7.0f ms (init %.0f ms, then the first request %.0f ms)", variant.name(),
                                trial + 1, millis, first.queued().toNanos() / 1e6, first.duration().toNanos() / 1e6);
                    }
                }
            }
        }
        return cold;
    }

    /** Warm latencies of every variant, interleaved request by request, then the scaling runs. */
    private Results warm(List<Variant> variants, String taskId) {
        Map<String, RuntimeApiEmulator> apis = new LinkedHashMap<>();
        Map<String, LambdaProcess> processes = new LinkedHashMap<>();
        try {
            // One after the other: start-up is not what this phase measures.
            for (Variant variant : variants) {
                RuntimeApiEmulator api = RuntimeApiEmulator.create(variant.name(), REGION, Duration.ofSeconds(29));
                apis.put(variant.name(), api);
                processes.put(variant.name(), variant.start(api, "warm", work));
                processes.get(variant.name()).awaitInit(INIT_LIMIT);
            }
            this.processes = processes;

            Map<String, Supplier<String>> requests = new LinkedHashMap<>();
            Map<String, String> apiOf = new HashMap<>();
            Map<String, Integer> expected = new HashMap<>();
            for (Variant variant : variants) {
                requests.put(variant.name() + " GET", () -> variant.probe());
                apiOf.put(variant.name() + " GET", variant.name());
                expected.put(variant.name() + " GET", 200);
            }
            for (Variant variant : variants) {
                if (variant.taskApi()) {
                    requests.put(variant.name() + " POST", () -> Events.post("/tasks", WRITER,
                            "{\"title\":\"Benchmark task\",\"description\":\"Written by the benchmark\"}"));
                    requests.put(variant.name() + " list", () -> Events.get("/tasks", "limit=" + PAGE, SMALL));
                    apiOf.put(variant.name() + " POST", variant.name());
                    apiOf.put(variant.name() + " list", variant.name());
                    expected.put(variant.name() + " POST", 201);
                    expected.put(variant.name() + " list", 200);
                }
            }

            log("Warm-up: %d rounds", options.warmUp());
            measure(requests, apis, apiOf, expected, options.warmUp());
            Map<String, Long> rssAfterWarmUp = new LinkedHashMap<>();
            processes.forEach((name, process) -> rssAfterWarmUp.put(name, Machine.rssKb(process.pid())));
            log("Measuring: %d rounds", options.warmRequests());
            Map<String, List<Double>> latencies = measure(requests, apis, apiOf, expected, options.warmRequests());
            Map<String, Long> rss = new LinkedHashMap<>();
            processes.forEach((name, process) -> rss.put(name, Machine.rssKb(process.pid())));

            // Scaling: the same owner-wide list, one owner with 100 tasks, one with 10,000.
            Map<String, Supplier<String>> lists = new LinkedHashMap<>();
            lists.put("small owner, 100 tasks", () -> Events.get("/tasks", "limit=" + PAGE, SMALL));
            lists.put("large owner, " + options.scaleTasks() + " tasks", () -> Events.get("/tasks", "limit=" + PAGE, LARGE));
            Map<String, String> listApi = new HashMap<>();
            Map<String, Integer> listExpected = new HashMap<>();
            lists.keySet().forEach(name -> {
                listApi.put(name, "ours");
                listExpected.put(name, 200);
            });
            log("Scaling: %d rounds", options.warmRequests());
            measure(lists, apis, listApi, listExpected, Math.max(100, options.warmUp() / 10));
            Map<String, List<Double>> scaling = measure(lists, apis, listApi, listExpected, options.warmRequests());
            return new Results(latencies, rssAfterWarmUp, rss, scaling);
        } finally {
            processes.values().forEach(LambdaProcess::close);
            apis.values().forEach(RuntimeApiEmulator::close);
        }
    }

    /** {@code rounds} rounds; each round sends one request of every kind, in an order that rotates. */
    private Map<String, List<Double>> measure(Map<String, Supplier<String>> requests, Map<String, RuntimeApiEmulator> apis,
            Map<String, String> apiOf, Map<String, Integer> expected, int rounds) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        requests.keySet().forEach(name -> samples.put(name, new ArrayList<>(rounds)));
        List<String> names = new ArrayList<>(requests.keySet());
        for (int round = 0; round < rounds; round++) {
            Collections.rotate(names, 1);
            for (String name : names) {
                String event = requests.get(name).get();
                RuntimeApiEmulator api = apis.get(apiOf.get(name));
                long start = System.nanoTime();
                RuntimeApiEmulator.Invocation answer;
                try {
                    answer = api.invoke(event, MARGIN);
                } catch (IllegalStateException noAnswer) {
                    throw new IllegalStateException(name + " did not answer; its threads: "
                            + threadDump(apiOf.get(name)), noAnswer);
                }
                samples.get(name).add((System.nanoTime() - start) / 1e6);
                expectStatus(name, answer, expected.get(name));
            }
        }
        return samples;
    }

    /** Writes the threads of the runtime of {@code variant} next to its log (jcmd Thread.print); returns where. */
    private Path threadDump(String variant) {
        Path dump = work.resolve("logs").resolve(variant + "-threads.txt");
        try {
            LambdaProcess process = processes.get(variant);
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start().waitFor();
        } catch (IOException | RuntimeException e) {
            log("No thread dump of %s: %s", variant, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dump;
    }

    private static void expectStatus(String what, RuntimeApiEmulator.Invocation invocation, int status) {
        try {
            JsonNode payload = JSON.readTree(invocation.payload());
            if (invocation.failed() || payload.path("statusCode").asInt() != status) {
                throw new IllegalStateException(what + ": expected " + status + ", got " + invocation.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code count} tasks of {@code owner} with BatchWriteItem; returns their ids. */
    static List<String> seed(DynamoDbClient dynamo, String table, String owner, int count) {
        TaskIds ids = new TaskIds();
        Instant now = Instant.now();
        List<String> created = new ArrayList<>(count);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = ids.next(now);
            created.add(id);
            Task task = new Task(owner, id, "Seeded task " + i, "Seeded by the benchmark", TaskStatus.PENDING,
                    now.getEpochSecond(), now.getEpochSecond(), 1);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(TaskItems.item(task)).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                write(dynamo, table, batch);
                batch = new ArrayList<>();
            }
        }
        return created;
    }

    private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty() && !pending.getOrDefault(table, List.of()).isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException("dynalite left items unprocessed 10 times");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(write -> write.requestItems(request));
            pending = response.unprocessedItems();
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %tT] " + format + "%n", prepend(new java.util.Date(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** One function under test: how to start a fresh runtime of it, and its GET request. */
    record Variant(String name, boolean taskApi, Path artifact, LambdaFunction function, Optional<Path> jni,
            List<String> command, String getEvent) {

        static Variant java(String name, boolean taskApi, Path zip, LambdaFunction function, Path jni, String getEvent) {
            return new Variant(name, taskApi, zip, function, Optional.of(jni), List.of(), getEvent);
        }

        static Variant command(String name, Path script, LambdaFunction function, List<String> command, String getEvent) {
            return new Variant(name, false, script, function, Optional.empty(), command, getEvent);
        }

        LambdaProcess start(RuntimeApiEmulator api, String instance, Path work) {
            Path log = work.resolve("logs").resolve(name + "-" + instance + ".log");
            return jni.isPresent()
                    ? LambdaProcess.start(function, api, name + "-" + instance, jni.get(), log)
                    : LambdaProcess.startCommand(function, command, api, name + "-" + instance, log);
        }

        String probe() {
            return getEvent;
        }

        long zipBytes() {
            try {
                return Files.size(artifact);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the warm phase measured. */
    record Results(Map<String, List<Double>> latencies, Map<String, Long> rssAfterWarmUpKb, Map<String, Long> rssKb,
            Map<String, List<Double>> scaling) {
    }

    /** API Gateway HTTP API (payload 2.0) events, after a JWT authorizer that verified {@code sub}. */
    static final class Events {

        private Events() {
        }

        static String get(String path, String sub) {
            return event("GET", path, "", sub, null);
        }

        static String get(String path, String query, String sub) {
            return event("GET", path, query, sub, null);
        }

        static String post(String path, String sub, String body) {
            return event("POST", path, "", sub, body);
        }

        static String event(String method, String path, String query, String sub, String body) {
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("accept", "application/json");
            headers.put("host", "bench.execute-api.us-east-1.amazonaws.com");
            headers.put("user-agent", "task-api-bench");
            if (body != null) {
                headers.put("content-type", "application/json");
            }
            Map<String, Object> http = Map.of("method", method, "path", path, "protocol", "HTTP/1.1",
                    "sourceIp", "127.0.0.1", "userAgent", "task-api-bench");
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("accountId", "123456789012");
            context.put("apiId", "bench");
            context.put("domainName", "bench.execute-api.us-east-1.amazonaws.com");
            context.put("http", http);
            context.put("requestId", UUID.randomUUID().toString());
            context.put("routeKey", "$default");
            context.put("stage", "$default");
            context.put("timeEpoch", System.currentTimeMillis());
            context.put("authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", sub, "iss", "https://issuer.example"),
                    "scopes", List.of())));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("version", "2.0");
            event.put("routeKey", "$default");
            event.put("rawPath", path);
            event.put("rawQueryString", query);
            event.put("headers", headers);
            event.put("requestContext", context);
            event.put("isBase64Encoded", false);
            if (body != null) {
                event.put("body", body);
            }
            try {
                return JSON.writeValueAsString(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
