package dev.taskapi.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.taskapi.local.Dynalite;
import dev.taskapi.local.LocalTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Where a hot Java SDK GetItem against dynalite spends its time: the same call through client
 * configurations that differ in one thing each, and a raw HttpURLConnection POST of the same bytes,
 * measured round-robin; plus the time between the SDK's interceptor hooks. Run it with Lambda's
 * JVM flags (C1 only, serial GC); see bench/README.md.
 */
public final class SdkCallProfile {

    private static final String TABLE = "Tasks";
    private static final String OWNER = "bench";
    private static final String ID = "0193a000-0000-7000-8000-000000000001";
    private static final int ROUNDS = 20;
    private static final int CALLS_PER_ROUND = 100;

    private SdkCallProfile() {
    }

    public static void main(String[] args) throws Exception {
        try (Dynalite dynalite = Dynalite.start(Dynalite.freePort(), Optional.empty())) {
            URI endpoint = dynalite.endpoint();
            try (DynamoDbClient setup = base(endpoint, new StageTimer()).build()) {
                LocalTable.createIfMissing(setup, TABLE);
                setup.putItem(put -> put.tableName(TABLE).item(Map.of(
                        "owner", AttributeValue.fromS(OWNER), "id", AttributeValue.fromS(ID),
                        "title", AttributeValue.fromS("Write the report"), "status", AttributeValue.fromS("pending"))));
            }
            GetItemRequest get = GetItemRequest.builder().tableName(TABLE)
                    .key(Map.of("owner", AttributeValue.fromS(OWNER), "id", AttributeValue.fromS(ID)))
                    .consistentRead(true).build();

            Map<String, StageTimer> timers = new LinkedHashMap<>();
            Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
            for (String name : List.of("sdk-plain", "sdk-app-config", "sdk-app-config-no-call-timeouts",
                    "sdk-app-config-no-content-length")) {
                StageTimer timer = new StageTimer();
                timers.put(name, timer);
                DynamoDbClientBuilder builder = base(endpoint, timer);
                if (name.startsWith("sdk-app-config")) {
                    builder.httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2)).build());
                    builder.overrideConfiguration(o -> {
                        o.addExecutionInterceptor(timer).retryStrategy(r -> r.maxAttempts(3));
                        if (name.endsWith("no-content-length")) {
                            o.addExecutionInterceptor(new ExecutionInterceptor() {
                                @Override
                                public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                        ExecutionAttributes attributes) {
                                    return context.httpRequest().toBuilder().removeHeader("Content-Length").build();
                                }
                            });
                        }
                        if (!name.endsWith("no-call-timeouts")) {
                            o.apiCallTimeout(Duration.ofSeconds(4)).apiCallAttemptTimeout(Duration.ofSeconds(2));
                        }
                    });
                }
                DynamoDbClient client = builder.build();
                variants.put(name, () -> client.getItem(get));
            }
            // The same request bytes and headers as the SDK sends them, POSTed with nothing around it.
            SdkHttpRequest[] captured = new SdkHttpRequest[1];
            byte[][] body = new byte[1][];
            try (DynamoDbClient capture = base(endpoint, new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    captured[0] = context.httpRequest();
                    body[0] = context.requestBody().map(b -> {
                        try (InputStream in = b.contentStreamProvider().newStream()) {
                            return in.readAllBytes();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).orElseThrow();
                }
            }).build()) {
                capture.getItem(get);
            }
            URL url = captured[0].getUri().toURL();
            Map<String, List<String>> headers = captured[0].headers();
            variants.put("raw-httpurlconnection", () -> rawPost(url, headers, body[0]));

            Map<String, List<Long>> samples = new LinkedHashMap<>();
            variants.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
            // Warm-up: C1 compiles quickly, but every path must have been taken many times first.
            for (int i = 0; i < 2000; i++) {
                variants.values().forEach(Supplier::get);
            }
            timers.values().forEach(StageTimer::reset);
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Supplier<Object>> variant : variants.entrySet()) {
                    for (int i = 0; i < CALLS_PER_ROUND; i++) {
                        long start = System.nanoTime();
                        variant.getValue().get();
                        samples.get(variant.getKey()).add(System.nanoTime() - start);
                    }
                }
            }
            System.out.printf("%-34s %8s %8s%n", "variant", "p50 ms", "p99 ms");
            samples.forEach((name, values) -> System.out.printf("%-34s %8.3f %8.3f%n", name,
                    percentile(values, 50) / 1e6, percentile(values, 99) / 1e6));
            timers.forEach((name, timer) -> {
                if (!timer.stages.isEmpty()) {
                    System.out.println("\n" + name + ": median time into each interceptor hook (ms)");
                    timer.stages.forEach((stage, values) -> System.out.printf("  %-28s %8.3f%n", stage,
                            percentile(values, 50) / 1e6));
                }
            });
        }
    }

    private static DynamoDbClientBuilder base(URI endpoint, ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor));
    }

    private static Object rawPost(URL url, Map<String, List<String>> headers, byte[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            headers.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long percentile(List<Long> values, double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Nanoseconds from beforeExecution to each later hook, per call. */
    static final class StageTimer implements ExecutionInterceptor {
        final Map<String, List<Long>> stages = new ConcurrentHashMap<>();
        private final ThreadLocal<Long> start = new ThreadLocal<>();

        void reset() {
            stages.clear();
        }

        private void mark(String stage) {
            stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(System.nanoTime() - start.get());
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            start.set(System.nanoTime());
        }

        @Override
        public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
            mark("1 beforeMarshalling");
        }

        @Override
        public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
            mark("2 afterMarshalling");
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            mark("3 beforeTransmission (signed)");
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            mark("4 afterTransmission");
        }

        @Override
        public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
            mark("5 afterUnmarshalling");
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            mark("6 afterExecution");
        }
    }
}
