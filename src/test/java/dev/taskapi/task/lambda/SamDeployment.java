package dev.taskapi.task.lambda;

import static dev.taskapi.task.support.SamTemplate.list;
import static dev.taskapi.task.support.SamTemplate.map;
import static dev.taskapi.task.support.SamTemplate.properties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.taskapi.task.support.SamTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * What {@code sam deploy} would make of a template, as far as running its function locally needs:
 * the function's handler, memory, timeout and environment (with {@code Globals.Function} applied
 * and intrinsic functions resolved), and the table as a CreateTableRequest. Parameters take their
 * defaults unless overridden, as with {@code sam deploy --parameter-overrides}. Resources are found
 * by type, never by logical id; of the functions, the one whose Condition holds. The table is named
 * after its logical id, and every {@code !Ref} to it resolves to that name.
 */
public final class SamDeployment {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    /** Table properties a local DynamoDB has no use for: backups, expiry, encryption, tags and the like. */
    private static final Set<String> TABLE_PROPERTIES_IGNORED = Set.of("TableName", "PointInTimeRecoverySpecification",
            "TimeToLiveSpecification", "SSESpecification", "Tags", "DeletionProtectionEnabled",
            "ContributorInsightsSpecification", "TableClass", "StreamSpecification", "OnDemandThroughput",
            "WarmThroughput", "ResourcePolicy", "KinesisStreamSpecification");
    /** What {@code !Ref AWS::NoValue} resolves to: the property or variable is left out. */
    private static final Object NO_VALUE = new Object();

    private final SamTemplate template;
    private final String region;
    private final Map<String, String> parameters;
    private final String functionId;
    private final Map<String, Object> function;
    private final String tableId;

    private SamDeployment(SamTemplate template, String region, Map<String, String> parameters) {
        this.template = template;
        this.region = region;
        this.parameters = Map.copyOf(parameters);
        Set<String> unknown = new HashSet<>(parameters.keySet());
        unknown.removeAll(template.section("Parameters").keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The template declares no parameters " + unknown);
        }
        this.functionId = theOne(FUNCTION_TYPE);
        this.function = template.propertiesWithGlobals(functionId);
        this.tableId = theOne(TABLE_TYPE);
    }

    /** The template at {@code template} deployed to {@code region} with these parameter overrides. */
    public static SamDeployment load(Path template, String region, Map<String, String> parameters) {
        return new SamDeployment(SamTemplate.load(template), region, parameters);
    }

    /** The one resource of {@code type} that the deployment creates: its Condition, if any, holds. */
    private String theOne(String type) {
        List<String> created = template.resourcesOfType(type).stream()
                .filter(id -> Optional.ofNullable(map(template.resources().get(id)).get("Condition"))
                        .map(condition -> condition(string(condition)))
                        .orElse(true))
                .collect(Collectors.toList());
        if (created.size() != 1) {
            throw new IllegalArgumentException("Expected the template to create one " + type + ", found " + created);
        }
        return created.get(0);
    }

    /** The logical id of the function this deployment runs. */
    public String functionId() {
        return functionId;
    }

    /** {@code Handler}, e.g. {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}. */
    public String handler() {
        return string(required("Handler"));
    }

    /** {@code Runtime}, e.g. {@code java21}. */
    public String runtime() {
        return string(required("Runtime"));
    }

    /** {@code MemorySize} in MB; 128 when absent, as in Lambda. */
    public int memorySize() {
        return Optional.ofNullable(function.get("MemorySize"))
                .map(value -> Integer.parseInt(string(resolve(value))))
                .orElse(128);
    }

    /** {@code Timeout}; 3 s when absent, as in Lambda. */
    public Duration timeout() {
        return Optional.ofNullable(function.get("Timeout"))
                .map(value -> Duration.ofSeconds(Long.parseLong(string(resolve(value)))))
                .orElse(Duration.ofSeconds(3));
    }

    /** The name this deployment gives the table: its logical id. */
    public String tableName() {
        return tableId;
    }

    /**
     * {@code LoggingConfig.LogFormat} as Lambda hands it to the runtime ({@code AWS_LAMBDA_LOG_FORMAT}):
     * {@code JSON} or {@code TEXT}.
     */
    public String logFormat() {
        Object format = map(function.getOrDefault("LoggingConfig", Map.of())).get("LogFormat");
        return format != null && string(resolve(format)).equalsIgnoreCase("JSON") ? "JSON" : "TEXT";
    }

    /** {@code Environment.Variables}, every value resolved; a variable whose value is {@code AWS::NoValue} is left out. */
    public Map<String, String> environment() {
        Map<String, Object> environment = map(function.getOrDefault("Environment", Map.of()));
        Map<String, Object> variables = map(environment.getOrDefault("Variables", Map.of()));
        Map<String, String> resolved = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            Object result = resolve(value);
            if (result instanceof List) {
                throw new IllegalArgumentException("Environment variable " + name + " resolves to a list: " + value);
            }
            if (result != NO_VALUE) {
                resolved.put(name, string(result));
            }
        });
        return resolved;
    }

    /** The table resource's key schema, indexes and billing, as a CreateTableRequest for {@link #tableName()}. */
    public CreateTableRequest createTableRequest() {
        Map<String, Object> table = properties(map(template.resources().get(tableId)));
        Set<String> unknown = table.keySet().stream()
                .filter(key -> !TABLE_PROPERTIES_IGNORED.contains(key))
                .filter(key -> !Set.of("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes",
                        "LocalSecondaryIndexes", "BillingMode", "ProvisionedThroughput").contains(key))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            // Better to fail than to test against a table that differs from the deployed one unnoticed.
            throw new IllegalArgumentException("Table properties not understood here: " + unknown
                    + "; map them in SamDeployment.createTableRequest or list them as ignored");
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableId)
                .attributeDefinitions(list(table.get("AttributeDefinitions")).stream()
                        .map(SamTemplate::map)
                        .map(definition -> AttributeDefinition.builder()
                                .attributeName(string(resolve(definition.get("AttributeName"))))
                                .attributeType(string(resolve(definition.get("AttributeType"))))
                                .build())
                        .collect(Collectors.toList()))
                .keySchema(keySchema(table.get("KeySchema")));
        String billing = table.containsKey("BillingMode") ? string(resolve(table.get("BillingMode"))) : "PROVISIONED";
        request.billingMode(BillingMode.fromValue(billing));
        if (table.containsKey("ProvisionedThroughput")) {
            request.provisionedThroughput(throughput(table.get("ProvisionedThroughput")));
        }
        if (table.containsKey("GlobalSecondaryIndexes")) {
            request.globalSecondaryIndexes(list(table.get("GlobalSecondaryIndexes")).stream()
                    .map(SamTemplate::map)
                    .map(index -> {
                        GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                                .indexName(string(resolve(index.get("IndexName"))))
                                .keySchema(keySchema(index.get("KeySchema")))
                                .projection(projection(index.get("Projection")));
                        if (index.containsKey("ProvisionedThroughput")) {
                            builder.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
                        }
                        return builder.build();
                    })
                    .collect(Collectors.toList()));
        }
        if (table.containsKey("LocalSecondaryIndexes")) {
            request.localSecondaryIndexes(list(table.get("LocalSecondaryIndexes")).stream()
                    .map(SamTemplate::map)
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(string(resolve(index.get("IndexName"))))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection")))
                            .build())
                    .collect(Collectors.toList()));
        }
        return request.build();
    }

    private List<KeySchemaElement> keySchema(Object keys) {
        return list(keys).stream()
                .map(SamTemplate::map)
                .map(key -> KeySchemaElement.builder()
                        .attributeName(string(resolve(key.get("AttributeName"))))
                        .keyType(string(resolve(key.get("KeyType"))))
                        .build())
                .collect(Collectors.toList());
    }

    private Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        Projection.Builder builder = Projection.builder().projectionType(string(resolve(projection.get("ProjectionType"))));
        if (projection.containsKey("NonKeyAttributes")) {
            builder.nonKeyAttributes(list(projection.get("NonKeyAttributes")).stream()
                    .map(attribute -> string(resolve(attribute))).collect(Collectors.toList()));
        }
        return builder.build();
    }

    private ProvisionedThroughput throughput(Object value) {
        Map<String, Object> throughput = map(value);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(string(resolve(throughput.get("ReadCapacityUnits")))))
                .writeCapacityUnits(Long.parseLong(string(resolve(throughput.get("WriteCapacityUnits")))))
                .build();
    }

    private Object required(String property) {
        Object value = function.get(property);
        if (value == null) {
            throw new IllegalArgumentException("The function declares no " + property
                    + ", neither in Properties nor in Globals");
        }
        return resolve(value);
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        return map(map(properties.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    /**
     * Resolves the intrinsic functions a function's settings use: Ref (the table, a parameter's
     * Default, pseudo parameters), Fn::Sub, Fn::Join, Fn::If with its conditions, and the
     * condition functions. Anything else is refused with its name.
     */
    private Object resolve(Object value) {
        if (!(value instanceof Map<?, ?> node) || node.size() != 1) {
            return value;
        }
        String function = (String) node.keySet().iterator().next();
        Object argument = node.values().iterator().next();
        switch (function) {
            case "Ref":
                return ref(string(argument));
            case "Fn::Sub":
                return sub(argument);
            case "Fn::Join": {
                List<Object> arguments = list(argument);
                return list(resolve(arguments.get(1))).stream().map(item -> string(resolve(item)))
                        .collect(Collectors.joining(string(arguments.get(0))));
            }
            case "Fn::If": {
                List<Object> arguments = list(argument);
                return resolve(arguments.get(condition(string(arguments.get(0))) ? 1 : 2));
            }
            case "Fn::Equals": {
                List<Object> arguments = list(argument);
                return string(resolve(arguments.get(0))).equals(string(resolve(arguments.get(1))));
            }
            case "Fn::Not":
                return !(Boolean) resolve(list(argument).get(0));
            case "Fn::And":
                return list(argument).stream().allMatch(item -> (Boolean) resolve(item));
            case "Fn::Or":
                return list(argument).stream().anyMatch(item -> (Boolean) resolve(item));
            case "Condition":
            case "Fn::Condition":
                return condition(string(argument));
            default:
                throw new IllegalArgumentException("Cannot resolve " + function + " locally: " + value);
        }
    }

    private boolean condition(String name) {
        Object condition = template.section("Conditions").get(name);
        if (condition == null) {
            throw new IllegalArgumentException("No condition " + name);
        }
        return (Boolean) resolve(condition);
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return "123456789012";
            case "AWS::StackName":
                return "task-api-local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (name.equals(tableId)) {
            return tableId;
        }
        Object parameter = template.section("Parameters").get(name);
        if (parameter != null) {
            Object value = parameters.containsKey(name) ? parameters.get(name) : map(parameter).get("Default");
            if (value == null) {
                throw new IllegalArgumentException("Parameter " + name + " has no Default: give it a value");
            }
            String type = string(map(parameter).getOrDefault("Type", "String"));
            return type.startsWith("CommaDelimitedList") || type.startsWith("List<")
                    ? List.of(string(value).split("\\s*,\\s*"))
                    : string(value);
        }
        throw new IllegalArgumentException("Cannot resolve Ref " + name + " locally");
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> arguments) {
            text = string(arguments.get(0));
            variables = map(arguments.get(1));
        } else {
            text = string(argument);
        }
        StringBuilder result = new StringBuilder();
        int at = 0;
        while (true) {
            int start = text.indexOf("${", at);
            if (start < 0) {
                result.append(text.substring(at));
                return result.toString();
            }
            int end = text.indexOf('}', start);
            result.append(text, at, start);
            String name = text.substring(start + 2, end);
            if (name.startsWith("!")) {
                result.append("${").append(name.substring(1)).append('}');
            } else if (variables.containsKey(name)) {
                result.append(string(resolve(variables.get(name))));
            } else if (name.contains(".")) {
                throw new IllegalArgumentException("Cannot resolve ${" + name + "} locally");
            } else {
                result.append(string(ref(name)));
            }
            at = end + 1;
        }
    }

    private static String string(Object value) {
        if (value instanceof List<?> || value instanceof Map<?, ?> || value == null || value == NO_VALUE) {
            throw new IllegalArgumentException("Expected a plain value, found " + value);
        }
        return value.toString();
    }

    /** The function's settings and environment, for messages. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("function=" + functionId);
        parts.add("handler=" + handler());
        parts.add("memory=" + memorySize());
        parts.add("timeout=" + timeout());
        parts.add("environment=" + environment());
        return String.join(", ", parts);
    }
}
