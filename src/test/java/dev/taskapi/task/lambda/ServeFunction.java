package dev.taskapi.task.lambda;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the packaged function on localhost as {@code sam local start-api} would, with no Docker:
 * {@code scripts/serve-function.sh} runs this. See {@link LocalLambda} and {@link HttpApiFront}.
 * <p>
 * Arguments: {@code [--port 3000] [--instances 1] [--template sam.jvm.yaml] [--zip target/function.zip]
 * [--parameter Name=Value]...}; a parameter without a value here takes its Default.
 * A fresh in-memory dynalite holds the table, unless QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE names a
 * DynamoDB endpoint (then the table is created there if missing).
 */
public final class ServeFunction {

    private ServeFunction() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 3000;
        int instances = 1;
        Path template = Path.of("sam.jvm.yaml");
        Path zip = Path.of("target", "function.zip");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--instances" -> instances = Integer.parseInt(required(args[i], value));
                case "--template" -> template = Path.of(required(args[i], value));
                case "--zip" -> zip = Path.of(required(args[i], value));
                case "--parameter" -> {
                    String[] parameter = required(args[i], value).split("=", 2);
                    parameters.put(parameter[0], parameter.length > 1 ? parameter[1] : "");
                }
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; use [--port 3000]"
                        + " [--instances 1] [--template sam.jvm.yaml] [--zip target/function.zip] [--parameter Name=Value]");
            }
            i++;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: run ./mvnw package first");
        }
        Optional<URI> endpoint = Optional.ofNullable(System.getenv("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE"))
                .filter(value -> !value.isBlank())
                .map(URI::create);
        Path workDir = Path.of("target", "serve-function");
        System.out.printf("Starting %d instance(s) of %s under the Lambda runtime interface client...%n", instances, zip);
        LocalLambda lambda = LocalLambda.start(template, parameters, zip, workDir, instances, endpoint);
        HttpApiFront front = HttpApiFront.start(lambda.api(), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            front.close();
            lambda.close();
            stopped.countDown();
        }, "serve-function-stop"));
        System.out.printf("Function %s, table %s on %s%n", lambda.deployment().functionId(),
                lambda.deployment().tableName(), lambda.dynamoEndpoint());
        System.out.printf("Function logs in %s/env-*.log%n", workDir);
        System.out.printf("API on %s (Ctrl+C to stop). Try:%n  curl -H 'Authorization: Bearer %s' %s/tasks%n",
                front.uri(), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.", front.uri());
        stopped.await();
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
