package dev.taskapi.task.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.taskapi.local.Dynalite;
import dev.taskapi.task.lambda.LambdaProcess.LambdaFunction;
import dev.taskapi.task.support.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A SAM template's function deployed on this machine: its table created on a local DynamoDB
 * (a fresh in-memory dynalite, or the endpoint given), function.zip unzipped, and
 * {@code instances} runtimes of it polling one {@link RuntimeApiEmulator}. The only variable added
 * to the template's is {@code QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE}, pointing at the local DynamoDB.
 */
public final class LocalLambda implements AutoCloseable {

    static final String FUNCTION_NAME = "task-api";
    static final String REGION = "us-east-1";
    static final Duration INIT_LIMIT = Duration.ofSeconds(60);

    private final SamDeployment deployment;
    private final RuntimeApiEmulator api;
    private final Optional<Dynalite> dynalite;
    private final URI dynamoEndpoint;
    private final List<LambdaProcess> processes = new ArrayList<>();

    private LocalLambda(SamDeployment deployment, RuntimeApiEmulator api, Optional<Dynalite> dynalite, URI dynamoEndpoint) {
        this.deployment = deployment;
        this.api = api;
        this.dynalite = dynalite;
        this.dynamoEndpoint = dynamoEndpoint;
    }

    /**
     * Deploys {@code functionZip} as {@code template} declares it, working in {@code workDir}, and
     * waits until all {@code instances} runtimes have initialised.
     *
     * @param parameters     parameter overrides; the others take their defaults
     * @param dynamoEndpoint a DynamoDB to use; empty starts an in-memory dynalite
     */
    public static LocalLambda start(Path template, Map<String, String> parameters, Path functionZip, Path workDir,
            int instances, Optional<URI> dynamoEndpoint) {
        SamDeployment deployment = SamDeployment.load(template, REGION, parameters);
        Optional<Dynalite> dynalite = dynamoEndpoint.isPresent()
                ? Optional.empty()
                : Optional.of(Dynalite.start(Dynalite.freePort(), Optional.empty()));
        URI endpoint = dynamoEndpoint.orElseGet(() -> dynalite.get().endpoint());
        LocalLambda lambda = new LocalLambda(deployment,
                RuntimeApiEmulator.create(FUNCTION_NAME, REGION, deployment.timeout()), dynalite, endpoint);
        try {
            lambda.createTable();
            Path taskRoot = LambdaProcess.unzip(functionZip, workDir.resolve("task"));
            Path jni = LambdaProcess.unpackJniLibrary(workDir.getParent().resolve("lambda-runtime"));
            Map<String, String> variables = new LinkedHashMap<>(deployment.environment());
            variables.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint.toString());
            LambdaFunction function = new LambdaFunction(FUNCTION_NAME, deployment.runtime(), taskRoot,
                    deployment.handler(), deployment.memorySize(), deployment.logFormat(), REGION, variables);
            // All at once, as Lambda starts environments when traffic jumps.
            for (int i = 1; i <= instances; i++) {
                String name = "env-" + i;
                lambda.processes.add(LambdaProcess.start(function, lambda.api, name, jni, workDir.resolve(name + ".log")));
            }
            lambda.processes.forEach(process -> process.awaitInit(INIT_LIMIT));
            return lambda;
        } catch (RuntimeException e) {
            lambda.close();
            throw e;
        }
    }

    private void createTable() {
        try (DynamoDbClient dynamo = LocalDynamoDb.client(dynamoEndpoint)) {
            try {
                dynamo.describeTable(describe -> describe.tableName(deployment.tableName()));
            } catch (ResourceNotFoundException missing) {
                dynamo.createTable(deployment.createTableRequest());
                dynamo.waiter().waitUntilTableExists(describe -> describe.tableName(deployment.tableName()));
            }
        }
    }

    public RuntimeApiEmulator api() {
        return api;
    }

    public List<LambdaProcess> processes() {
        return List.copyOf(processes);
    }

    public SamDeployment deployment() {
        return deployment;
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    @Override
    public void close() {
        processes.forEach(LambdaProcess::close);
        api.close();
        dynalite.ifPresent(Dynalite::close);
    }
}
