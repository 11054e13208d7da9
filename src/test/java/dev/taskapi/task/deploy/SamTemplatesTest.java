package dev.taskapi.task.deploy;

import static dev.taskapi.task.support.SamTemplate.list;
import static dev.taskapi.task.support.SamTemplate.map;
import static dev.taskapi.task.support.SamTemplate.properties;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.taskapi.task.repository.TaskTable;
import dev.taskapi.task.support.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * Keeps sam.jvm.yaml and sam.native.yaml deployable and honest without AWS: every reference
 * resolves, the table is the one the code expects, the role grants what the code uses and no more,
 * auth is on unless explicitly switched off, and the two templates differ only where JVM and
 * native must.
 */
class SamTemplatesTest {

    static final String JVM = "sam.jvm.yaml";
    static final String NATIVE = "sam.native.yaml";

    static final String TABLE = "TasksTable";
    static final String ROLE = "TaskFunctionRole";
    static final String FUNCTION_LOG_GROUP = "FunctionLogGroup";
    static final String ACCESS_LOG_GROUP = "AccessLogGroup";
    static final String SECURED_API = "TaskApi";
    static final String SECURED_FUNCTION = "TaskFunction";
    static final String OPEN_API = "NoAuthTaskApi";
    static final String OPEN_FUNCTION = "NoAuthTaskFunction";
    static final String AUTH_ENABLED = "AuthEnabled";
    static final String AUTH_DISABLED = "AuthDisabled";

    static final String JVM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String CODE_URI = "target/function.zip";
    static final String CFN_LINT = "cfn-lint";
    static final int API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS = 30;
    static final int MIN_MEMORY_MB = 512;

    /** The Lambda code: dev.taskapi.local (dynalite, table bootstrap) never runs in Lambda. */
    static final Path LAMBDA_SOURCES = Path.of("src/main/java/dev/taskapi/task");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /** What each function property may differ in between the JVM and the native template. */
    static final Set<String> RUNTIME_SPECIFIC_PROPERTIES = Set.of("Handler", "Runtime", "Architectures", "SnapStart");
    static final Set<String> RUNTIME_SPECIFIC_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "DISABLE_SIGNAL_HANDLERS");

    // ---- References ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void everyReference_pointsAtSomethingDeclared_andEveryParameterIsUsed(String file) {
        List<String> problems = TemplateReferences.problems(load(file));

        assertEquals(List.of(), problems);
    }

    @Test
    void referenceCheck_reportsDanglingReferences_andUnusedDeclarations() {
        SamTemplate broken = SamTemplate.parse("""
                Parameters:
                  Used: {Type: String}
                  Unused: {Type: String}
                Conditions:
                  Declared: !Equals [!Ref Used, x]
                  NeverUsed: !Not [!Condition Declared]
                  Combined: !Or [!Condition Missing, !Condition Declared]
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Condition: Combined
                  Queue:
                    Type: AWS::SQS::Queue
                    DependsOn: Nowhere
                    Properties:
                      QueueName: !Ref Tabel
                      Tags:
                        - Key: arn
                          Value: !GetAtt Table.Arm
                        - Key: sub
                          Value: !Sub "${Table.Arn}/${Nothing}/${!Literal}/${AWS::Region}"
                        - Key: sam
                          Value: !Ref Table.Alias
                        - Key: if
                          Value: !If [Undeclared, a, b]
                """);

        List<String> problems = TemplateReferences.problems(broken);

        assertEquals(new TreeSet<>(List.of(
                "Conditions/Combined/Fn::Or/0: undeclared condition Missing",
                "Resources/Queue/DependsOn: no resource Nowhere",
                "Resources/Queue/Properties/QueueName: Ref to undeclared Tabel",
                "Resources/Queue/Properties/Tags/0/Value: Table has no attribute Arm",
                "Resources/Queue/Properties/Tags/1/Value/Fn::Sub: Ref to undeclared Nothing",
                "Resources/Queue/Properties/Tags/2/Value: Ref to undeclared Table.Alias",
                "Resources/Queue/Properties/Tags/3/Value/Fn::If: undeclared condition Undeclared",
                "Parameters/Unused: never used",
                "Conditions/NeverUsed: never used")), new TreeSet<>(problems));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void resources_areExactlyTheTableLogsRoleAndOneApiFunctionPairPerAuthMode(String file) {
        Map<String, String> types = new TreeMap<>();
        load(file).resources().forEach((id, resource) -> types.put(id, String.valueOf(map(resource).get("Type"))));

        // A new resource must be added here on purpose, and get its own checks below.
        assertEquals(new TreeMap<>(Map.of(
                TABLE, "AWS::DynamoDB::Table",
                FUNCTION_LOG_GROUP, "AWS::Logs::LogGroup",
                ACCESS_LOG_GROUP, "AWS::Logs::LogGroup",
                ROLE, "AWS::IAM::Role",
                SECURED_API, "AWS::Serverless::HttpApi",
                SECURED_FUNCTION, "AWS::Serverless::Function",
                OPEN_API, "AWS::Serverless::HttpApi",
                OPEN_FUNCTION, "AWS::Serverless::Function")), types);
    }

    // ---- Table -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void table_hasTheKeysIndexAndBillingThatDevAndTestsCreate(String file) {
        Map<String, Object> expected = cloudFormationShape(TaskTable.definition("x"));
        Map<String, Object> table = properties(load(file).single("AWS::DynamoDB::Table"));

        assertAll(
                () -> assertEquals(expected.get("BillingMode"), table.get("BillingMode")),
                // Attribute definitions are a set to DynamoDB; key schemas are ordered (HASH, then RANGE).
                () -> assertEquals(Set.copyOf(list(expected.get("AttributeDefinitions"))),
                        Set.copyOf(list(table.get("AttributeDefinitions")))),
                () -> assertEquals(expected.get("KeySchema"), table.get("KeySchema")),
                () -> assertEquals(expected.get("GlobalSecondaryIndexes"), table.get("GlobalSecondaryIndexes")),
                () -> assertEquals(expected.get("LocalSecondaryIndexes"), table.get("LocalSecondaryIndexes")),
                () -> assertNull(table.get("ProvisionedThroughput"), "on-demand tables have no throughput"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void table_survivesStackDeletionAndReplacement_withPointInTimeRecoveryAndTtl(String file) {
        Map<String, Object> resource = load(file).single("AWS::DynamoDB::Table");
        Map<String, Object> table = properties(resource);

        assertAll(
                () -> assertEquals("Retain", resource.get("DeletionPolicy")),
                () -> assertEquals("Retain", resource.get("UpdateReplacePolicy")),
                // A retained table with a fixed name would make the next deployment of the stack fail.
                () -> assertNull(table.get("TableName")),
                () -> assertEquals(Map.of("PointInTimeRecoveryEnabled", true),
                        table.get("PointInTimeRecoverySpecification")),
                // Idempotency records expire through expires_at.
                () -> assertEquals(Map.of("AttributeName", "expires_at", "Enabled", true),
                        table.get("TimeToLiveSpecification")));
    }

    // ---- Permissions -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void functions_useTheOneRole_withNoManagedOrSamGeneratedPolicies(String file) {
        SamTemplate template = load(file);
        Map<String, Object> role = properties(map(template.resources().get(ROLE)));

        assertAll(
                () -> assertEquals(List.of(ROLE), template.resourcesOfType("AWS::IAM::Role")),
                () -> assertEquals(List.of(), template.resourcesOfType("AWS::IAM::Policy")),
                () -> assertEquals(List.of(), template.resourcesOfType("AWS::IAM::ManagedPolicy")),
                () -> assertNull(role.get("ManagedPolicyArns")),
                () -> assertEquals(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com"),
                        "Action", "sts:AssumeRole"))), role.get("AssumeRolePolicyDocument")));
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> properties = template.propertiesWithGlobals(function);
            // With Policies, SAM would generate a role of its own (logs on "*" included).
            assertAll(function,
                    () -> assertEquals(getAtt(ROLE, "Arn"), properties.get("Role")),
                    () -> assertNull(properties.get("Policies")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void role_allowsExactlyTheDynamoDbActionsTheCodeUses_onTheTableAndItsIndexOnly(String file) {
        List<Statement> dynamodb = statements(load(file)).stream()
                .filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith("dynamodb:")))
                .toList();

        assertEquals(1, dynamodb.size(), "one statement for the table: " + dynamodb);
        Statement statement = dynamodb.get(0);
        assertAll(
                () -> assertEquals(dynamoDbActionsUsedByTheCode(), new TreeSet<>(statement.actions())),
                () -> assertEquals(List.of(
                        getAtt(TABLE, "Arn"),
                        Map.of("Fn::Sub", "${" + TABLE + ".Arn}/index/" + TaskTable.STATUS_INDEX)),
                        statement.resources()),
                () -> assertNull(statement.condition()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void role_grantsLogsOnTheFunctionLogGroupOnly_andXRayOnlyWhenTracing(String file) {
        Map<String, Statement> others = new HashMap<>();
        statements(load(file)).stream()
                .filter(statement -> statement.actions().stream().noneMatch(action -> action.startsWith("dynamodb:")))
                .forEach(statement -> others.put(statement.actions().get(0).split(":")[0], statement));

        assertEquals(Set.of("logs", "xray"), others.keySet(), "services other than DynamoDB");
        Statement logs = others.get("logs");
        Statement xray = others.get("xray");
        assertAll(
                // No CreateLogGroup: the group exists, and the function must not make one without retention.
                () -> assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logs.actions()),
                () -> assertEquals(List.of(getAtt(FUNCTION_LOG_GROUP, "Arn")), logs.resources()),
                () -> assertNull(logs.condition()),
                () -> assertEquals(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), xray.actions()),
                () -> assertEquals("TracingEnabled", xray.condition()),
                () -> assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Tracing"), "Active")),
                        load(file).section("Conditions").get("TracingEnabled")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void role_hasNoWildcardAction_andAWildcardResourceOnlyForXRay(String file) {
        for (Statement statement : statements(load(file))) {
            assertAll(statement.toString(),
                    () -> assertEquals("Allow", statement.effect()),
                    () -> assertTrue(statement.actions().stream().noneMatch(action -> action.contains("*"))),
                    () -> assertTrue(!statement.resources().contains("*")
                            || statement.actions().stream().allMatch(action -> action.startsWith("xray:")),
                            "only X-Ray, which has no resource-level permissions, may use Resource \"*\""));
        }
    }

    // ---- Function --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void functions_stopBeforeTheHttpApiGivesUp_withEnoughMemory_andParameterisedTracing(String file) {
        SamTemplate template = load(file);
        Map<String, Object> tracing = map(template.section("Parameters").get("Tracing"));

        assertEquals(List.of("Active", "PassThrough"), tracing.get("AllowedValues"));
        assertEquals("Active", tracing.get("Default"));
        for (String function : functions(template)) {
            Map<String, Object> properties = template.propertiesWithGlobals(function);
            assertAll(function,
                    () -> assertTrue(number(properties.get("Timeout")) < API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS,
                            "Timeout " + properties.get("Timeout")),
                    () -> assertTrue(number(properties.get("MemorySize")) >= MIN_MEMORY_MB,
                            "MemorySize " + properties.get("MemorySize")),
                    () -> assertEquals(ref("Tracing"), properties.get("Tracing")),
                    () -> assertEquals(CODE_URI, properties.get("CodeUri")),
                    () -> assertNotNull(properties.get("AutoPublishAlias")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void functions_getTheTableTheLogLevelAndTheCorsOrigins_fromTheTemplate(String file) {
        SamTemplate template = load(file);
        for (String function : functions(template)) {
            Map<String, Object> variables = variables(template, function);
            assertAll(function,
                    () -> assertEquals(ref(TABLE), variables.get("TABLE_NAME")),
                    () -> assertEquals(ref("LogLevel"), variables.get("LOG_LEVEL")),
                    () -> assertEquals(Map.of("Fn::Join", List.of(",", ref("CorsAllowedOrigins"))),
                            variables.get("CORS_ALLOWED_ORIGINS")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void functionLogs_andAccessLogs_keepLogsForTheRetentionParameter(String file) {
        SamTemplate template = load(file);

        for (String function : functions(template)) {
            Map<String, Object> logging = map(template.propertiesWithGlobals(function).get("LoggingConfig"));
            assertEquals(ref(FUNCTION_LOG_GROUP), logging.get("LogGroup"), function);
        }
        for (String api : List.of(SECURED_API, OPEN_API)) {
            Map<String, Object> accessLogs = map(template.propertiesWithGlobals(api).get("AccessLogSettings"));
            assertEquals(getAtt(ACCESS_LOG_GROUP, "Arn"), accessLogs.get("DestinationArn"), api);
        }
        assertEquals(List.of(ACCESS_LOG_GROUP, FUNCTION_LOG_GROUP), template.resourcesOfType("AWS::Logs::LogGroup")
                .stream().sorted().toList());
        for (String logGroup : template.resourcesOfType("AWS::Logs::LogGroup")) {
            assertEquals(ref("LogRetentionInDays"),
                    properties(map(template.resources().get(logGroup))).get("RetentionInDays"), logGroup);
        }
    }

    // ---- Auth ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void authIsOnByDefault_andOnlyAnExplicitAuthModeNoneDeploysTheOpenPair(String file) {
        SamTemplate template = load(file);
        Map<String, Object> authMode = map(template.section("Parameters").get("AuthMode"));
        Map<String, Object> conditions = template.section("Conditions");

        assertAll(
                () -> assertEquals("jwt", authMode.get("Default")),
                () -> assertEquals(List.of("jwt", "none"), authMode.get("AllowedValues")),
                () -> assertEquals(Map.of("Fn::Equals", List.of(ref("AuthMode"), "jwt")), conditions.get(AUTH_ENABLED)),
                () -> assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", AUTH_ENABLED))),
                        conditions.get(AUTH_DISABLED)),
                () -> assertEquals(AUTH_ENABLED, condition(template, SECURED_API)),
                () -> assertEquals(AUTH_ENABLED, condition(template, SECURED_FUNCTION)),
                () -> assertEquals(AUTH_DISABLED, condition(template, OPEN_API)),
                () -> assertEquals(AUTH_DISABLED, condition(template, OPEN_FUNCTION)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void securedApi_hasAJwtAuthorizerAsDefault_fromTheIssuerAndAudienceParameters(String file) {
        Map<String, Object> auth = map(load(file).propertiesWithGlobals(SECURED_API).get("Auth"));
        String name = String.valueOf(auth.get("DefaultAuthorizer"));
        Map<String, Object> authorizer = map(map(auth.get("Authorizers")).get(name));

        assertEquals(Map.of(
                "IdentitySource", "$request.header.Authorization",
                "JwtConfiguration", Map.of("issuer", ref("JwtIssuer"), "audience", ref("JwtAudience"))), authorizer);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void securedFunction_requiresAuth_andOpenFunction_doesNot(String file) {
        SamTemplate template = load(file);

        assertEquals("true", variables(template, SECURED_FUNCTION).get("TASKS_AUTH_REQUIRED"));
        assertEquals("false", variables(template, OPEN_FUNCTION).get("TASKS_AUTH_REQUIRED"));
        assertNull(template.propertiesWithGlobals(OPEN_API).get("Auth"), "the open API has no authorizer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void eachFunction_isReachedOnlyThroughTheApiOfItsOwnAuthMode_withPayload2(String file) {
        SamTemplate template = load(file);

        assertEquals(Set.of(SECURED_API), apisOf(template, SECURED_FUNCTION));
        assertEquals(Set.of(OPEN_API), apisOf(template, OPEN_FUNCTION));
        for (String function : functions(template)) {
            for (Object event : map(template.propertiesWithGlobals(function).get("Events")).values()) {
                assertEquals("HttpApi", map(event).get("Type"), function);
                assertEquals("2.0", properties(map(event)).get("PayloadFormatVersion"), function);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void securedApi_letsCorsPreflightThroughWithoutTheAuthorizer(String file) {
        Map<String, Object> events = map(load(file).propertiesWithGlobals(SECURED_FUNCTION).get("Events"));

        // The $default route catches OPTIONS too: without this route, its JWT authorizer answers
        // every browser preflight (which carries no token) with 401, and no browser can call the API.
        List<Map<String, Object>> preflight = events.values().stream()
                .map(event -> properties(map(event)))
                .filter(event -> "OPTIONS".equals(event.get("Method")))
                .toList();
        assertEquals(1, preflight.size(), "one OPTIONS route: " + events);
        assertEquals("/{proxy+}", preflight.get(0).get("Path"));
        assertEquals(Map.of("Authorizer", "NONE"), preflight.get(0).get("Auth"));
        assertTrue(events.values().stream().map(event -> properties(map(event)))
                .anyMatch(event -> event.get("Path") == null && event.get("Method") == null && event.get("Auth") == null),
                "a $default route with the API's default (JWT) authorizer: " + events);
    }

    // ---- HTTP API --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void bothApis_allowTheOriginsParameter_andTheMethodsAndHeadersTheApplicationAllows(String file) throws IOException {
        SamTemplate template = load(file);
        Properties application = applicationProperties();

        for (String api : List.of(SECURED_API, OPEN_API)) {
            Map<String, Object> cors = map(template.propertiesWithGlobals(api).get("CorsConfiguration"));
            assertAll(api,
                    // A plain Ref: SAM mistakes any other intrinsic function in AllowOrigins for the
                    // whole CorsConfiguration and silently drops methods and headers.
                    () -> assertEquals(ref("CorsAllowedOrigins"), cors.get("AllowOrigins")),
                    () -> assertEquals(csv(application, "quarkus.http.cors.methods"), cors.get("AllowMethods")),
                    () -> assertEquals(csv(application, "quarkus.http.cors.headers"), cors.get("AllowHeaders")),
                    () -> assertEquals(csv(application, "quarkus.http.cors.exposed-headers"), cors.get("ExposeHeaders")));
        }
        assertEquals("CommaDelimitedList", map(template.section("Parameters").get("CorsAllowedOrigins")).get("Type"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void bothApis_throttleFromParameters_logAccessAsJson_onTheDefaultStage(String file) throws IOException {
        SamTemplate template = load(file);

        for (String api : List.of(SECURED_API, OPEN_API)) {
            Map<String, Object> properties = template.propertiesWithGlobals(api);
            JsonNode format = new ObjectMapper().readTree(
                    String.valueOf(map(properties.get("AccessLogSettings")).get("Format")));
            assertAll(api,
                    () -> assertEquals(Map.of(
                            "ThrottlingRateLimit", ref("ThrottlingRateLimit"),
                            "ThrottlingBurstLimit", ref("ThrottlingBurstLimit")), properties.get("DefaultRouteSettings")),
                    () -> assertTrue(format.isObject(), "access log format is a JSON object"),
                    () -> assertEquals("$context.requestId", format.path("requestId").asText()),
                    // Ties an access log line to the function's log lines (AWSRequestId).
                    () -> assertEquals("$context.integration.requestId", format.path("integrationRequestId").asText()),
                    // Without StageName, SAM deploys the API on the $default stage.
                    () -> assertNull(properties.get("StageName")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { JVM, NATIVE })
    void outputs_nameTheApiUrlTableAndAlias_ofWhicheverPairIsDeployed(String file) {
        Map<String, Object> outputs = load(file).section("Outputs");

        assertAll(
                () -> assertEquals(Map.of("Fn::If", List.of(AUTH_ENABLED,
                        getAtt(SECURED_API, "ApiEndpoint"), getAtt(OPEN_API, "ApiEndpoint"))), value(outputs, "ApiUrl")),
                () -> assertEquals(ref(TABLE), value(outputs, "TableName")),
                () -> assertEquals(Map.of("Fn::If", List.of(AUTH_ENABLED,
                        ref(SECURED_FUNCTION + ".Alias"), ref(OPEN_FUNCTION + ".Alias"))), value(outputs, "FunctionAliasArn")));
    }

    // ---- JVM and native --------------------------------------------------------------------------

    @Test
    void jvmTemplate_runsTheQuarkusHandlerOnJava21Arm64_withSnapStartOnTheAlias() {
        SamTemplate template = load(JVM);

        for (String function : functions(template)) {
            Map<String, Object> properties = template.propertiesWithGlobals(function);
            assertAll(function,
                    () -> assertEquals(JVM_HANDLER, properties.get("Handler")),
                    () -> assertEquals("java21", properties.get("Runtime")),
                    () -> assertEquals(List.of("arm64"), properties.get("Architectures")),
                    () -> assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties.get("SnapStart")),
                    () -> assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                            variables(template, function).get("JAVA_TOOL_OPTIONS")));
        }
    }

    @Test
    void nativeTemplate_runsTheExecutableOnProvidedAl2023_withoutSnapStart() {
        SamTemplate template = load(NATIVE);

        for (String function : functions(template)) {
            Map<String, Object> properties = template.propertiesWithGlobals(function);
            assertAll(function,
                    () -> assertEquals("provided.al2023", properties.get("Runtime")),
                    () -> assertEquals(List.of("x86_64"), properties.get("Architectures")),
                    () -> assertNull(properties.get("SnapStart")),
                    () -> assertNull(variables(template, function).get("JAVA_TOOL_OPTIONS")),
                    () -> assertEquals("true", variables(template, function).get("DISABLE_SIGNAL_HANDLERS")));
        }
    }

    @Test
    void jvmAndNativeTemplates_differOnlyInTheFunctionsRuntimeSpecificProperties() {
        SamTemplate jvm = load(JVM);
        SamTemplate nativeImage = load(NATIVE);

        assertAll(
                () -> assertEquals(jvm.root().keySet(), nativeImage.root().keySet()),
                () -> assertEquals(jvm.root().get("Transform"), nativeImage.root().get("Transform")),
                () -> assertEquals(jvm.section("Metadata"), nativeImage.section("Metadata")),
                () -> assertEquals(jvm.section("Parameters"), nativeImage.section("Parameters")),
                () -> assertEquals(jvm.section("Conditions"), nativeImage.section("Conditions")),
                () -> assertEquals(jvm.resources(), nativeImage.resources()),
                () -> assertEquals(map(jvm.section("Globals").get("HttpApi")), map(nativeImage.section("Globals").get("HttpApi"))),
                () -> assertEquals(withoutRuntimeSpecifics(jvm), withoutRuntimeSpecifics(nativeImage)),
                () -> assertEquals(outputValues(jvm), outputValues(nativeImage)));
    }

    @Test
    void jvmHandler_isTheStreamHandlerPackagedInTheFunctionZip() throws ReflectiveOperationException {
        String handler = String.valueOf(load(JVM).propertiesWithGlobals(SECURED_FUNCTION).get("Handler"));
        String[] classAndMethod = handler.split("::");

        // quarkus-amazon-lambda puts this class in function.zip; Lambda's Java runtime calls the
        // method with the raw event and response streams.
        Class<?> type = Class.forName(classAndMethod[0]);
        Method method = type.getMethod(classAndMethod[1], InputStream.class, OutputStream.class, Context.class);
        assertNotNull(method);
        assertTrue(RequestStreamHandler.class.isAssignableFrom(type));
    }

    // ---- The SAM transform itself, through cfn-lint -----------------------------------------------

    @Test
    void cfnLint_transformsAndValidatesBothTemplates_withoutAFinding() throws Exception {
        assumeTrue(onPath(CFN_LINT), CFN_LINT + " is not installed (the java-maven machines ship it)");

        Linted result = cfnLint(Path.of(JVM), Path.of(NATIVE));

        // cfn-lint runs the real SAM translator, then checks the CloudFormation it produces.
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void cfnLint_rejectsOneFunctionServingTwoConditionalApis(@TempDir Path dir) throws Exception {
        assumeTrue(onPath(CFN_LINT), CFN_LINT + " is not installed (the java-maven machines ship it)");
        // The simpler design these templates avoid: SAM gives the event permissions no condition,
        // so one of them always points at an API that was not created.
        Path template = dir.resolve("one-function.yaml");
        Files.writeString(template, """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  AuthMode: {Type: String, Default: jwt}
                Conditions:
                  AuthEnabled: !Equals [!Ref AuthMode, jwt]
                  AuthDisabled: !Not [!Condition AuthEnabled]
                Resources:
                  SecuredApi: {Type: AWS::Serverless::HttpApi, Condition: AuthEnabled}
                  OpenApi: {Type: AWS::Serverless::HttpApi, Condition: AuthDisabled}
                  Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://bucket/function.zip
                      Handler: x
                      Runtime: java21
                      Events:
                        Secured: {Type: HttpApi, Properties: {ApiId: !Ref SecuredApi}}
                        Open: {Type: HttpApi, Properties: {ApiId: !Ref OpenApi}}
                """);

        Linted result = cfnLint(template);

        assertTrue(result.output().contains("W1001"), result.output());
        assertTrue(result.exitCode() != 0, result.output());
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    record Linted(int exitCode, String output) {
    }

    static Linted cfnLint(Path... templates) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CFN_LINT));
        Arrays.stream(templates).map(Path::toString).forEach(command::add);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "cfn-lint did not finish");
        return new Linted(process.exitValue(), output);
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** One Allow statement of the role's inline policies; {@code condition} names the !If guarding it, if any. */
    record Statement(String effect, List<String> actions, List<Object> resources, String condition) {
    }

    static SamTemplate load(String file) {
        return SamTemplate.load(Path.of(file));
    }

    static List<String> functions(SamTemplate template) {
        return template.resourcesOfType("AWS::Serverless::Function");
    }

    static Map<String, Object> variables(SamTemplate template, String function) {
        return map(map(template.propertiesWithGlobals(function).get("Environment")).get("Variables"));
    }

    static String condition(SamTemplate template, String id) {
        return (String) map(template.resources().get(id)).get("Condition");
    }

    static Set<String> apisOf(SamTemplate template, String function) {
        return map(template.propertiesWithGlobals(function).get("Events")).values().stream()
                .map(event -> String.valueOf(map(properties(map(event)).get("ApiId")).get("Ref")))
                .collect(Collectors.toSet());
    }

    static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    static Map<String, Object> getAtt(String id, String attribute) {
        return Map.of("Fn::GetAtt", List.of(id, attribute));
    }

    static Object value(Map<String, Object> outputs, String name) {
        return map(outputs.get(name)).get("Value");
    }

    static int number(Object value) {
        return ((Number) value).intValue();
    }

    /** The role's statements; a statement inside !If [Condition, statement, AWS::NoValue] keeps its condition. */
    static List<Statement> statements(SamTemplate template) {
        List<Statement> statements = new ArrayList<>();
        Map<String, Object> role = properties(map(template.resources().get(ROLE)));
        for (Object policy : list(role.get("Policies"))) {
            for (Object entry : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                String condition = null;
                Object statement = entry;
                if (map(entry).containsKey("Fn::If")) {
                    List<Object> branches = list(map(entry).get("Fn::If"));
                    assertEquals(ref("AWS::NoValue"), branches.get(2), "a conditional statement is all or nothing");
                    condition = String.valueOf(branches.get(0));
                    statement = branches.get(1);
                }
                Map<String, Object> body = map(statement);
                statements.add(new Statement(String.valueOf(body.get("Effect")),
                        asList(body.get("Action")).stream().map(String::valueOf).toList(),
                        asList(body.get("Resource")), condition));
            }
        }
        return statements;
    }

    static List<Object> asList(Object value) {
        return value instanceof List<?> ? list(value) : List.of(value);
    }

    /**
     * The DynamoDB actions the Lambda code calls, read from its source: every
     * {@code .operation(} of DynamoDbClient in a file that imports it. A text scan, so it also
     * counts an operation named in a comment: a false alarm here beats a missing permission.
     */
    static Set<String> dynamoDbActionsUsedByTheCode() {
        Set<String> operations = Arrays.stream(DynamoDbClient.class.getMethods())
                .filter(method -> method.getParameterCount() == 1 || method.getName().endsWith("Paginator"))
                .filter(method -> method.getReturnType().getPackageName().startsWith("software.amazon.awssdk.services.dynamodb"))
                .map(Method::getName)
                .collect(Collectors.toSet());
        Pattern call = Pattern.compile("\\.\\s*(\\w+)\\s*\\(");
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(LAMBDA_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (!source.contains("import software.amazon.awssdk.services.dynamodb.DynamoDbClient;")) {
                    continue;
                }
                Matcher matcher = call.matcher(source);
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (operations.contains(name)) {
                        String operation = name.replaceFirst("Paginator$", "");
                        actions.add("dynamodb:" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(actions.isEmpty(), "found no DynamoDB call under " + LAMBDA_SOURCES);
        return actions;
    }

    /** The table as CloudFormation declares it, built from the SDK request dev mode and the tests use. */
    static Map<String, Object> cloudFormationShape(CreateTableRequest table) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("BillingMode", table.billingModeAsString());
        shape.put("AttributeDefinitions", table.attributeDefinitions().stream()
                .map(attribute -> Map.of("AttributeName", attribute.attributeName(),
                        "AttributeType", attribute.attributeTypeAsString()))
                .toList());
        shape.put("KeySchema", keySchema(table.keySchema()));
        shape.put("GlobalSecondaryIndexes", table.hasGlobalSecondaryIndexes()
                ? table.globalSecondaryIndexes().stream()
                        .map(index -> Map.of("IndexName", index.indexName(),
                                "KeySchema", keySchema(index.keySchema()),
                                "Projection", projection(index.projection())))
                        .toList()
                : null);
        shape.put("LocalSecondaryIndexes", table.hasLocalSecondaryIndexes()
                ? table.localSecondaryIndexes().stream()
                        .map(index -> Map.of("IndexName", index.indexName(),
                                "KeySchema", keySchema(index.keySchema()),
                                "Projection", projection(index.projection())))
                        .toList()
                : null);
        return shape;
    }

    static List<Map<String, Object>> keySchema(List<KeySchemaElement> keys) {
        return keys.stream()
                .map(key -> Map.<String, Object>of("AttributeName", key.attributeName(), "KeyType", key.keyTypeAsString()))
                .toList();
    }

    static Map<String, Object> projection(Projection projection) {
        return projection.hasNonKeyAttributes()
                ? Map.of("ProjectionType", projection.projectionTypeAsString(), "NonKeyAttributes", projection.nonKeyAttributes())
                : Map.of("ProjectionType", projection.projectionTypeAsString());
    }

    /** Globals.Function without what the runtime dictates. */
    static Map<String, Object> withoutRuntimeSpecifics(SamTemplate template) {
        Map<String, Object> function = new LinkedHashMap<>(map(template.section("Globals").get("Function")));
        RUNTIME_SPECIFIC_PROPERTIES.forEach(function::remove);
        Map<String, Object> variables = new LinkedHashMap<>(map(map(function.get("Environment")).get("Variables")));
        RUNTIME_SPECIFIC_VARIABLES.forEach(variables::remove);
        function.put("Environment", Map.of("Variables", variables));
        return function;
    }

    static Map<String, Object> outputValues(SamTemplate template) {
        Map<String, Object> values = new TreeMap<>();
        template.section("Outputs").forEach((name, output) -> values.put(name, map(output).get("Value")));
        return values;
    }

    static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        }
        return properties;
    }

    static List<String> csv(Properties properties, String key) {
        String value = properties.getProperty(key);
        assertNotNull(value, key + " in " + APPLICATION_PROPERTIES);
        return Arrays.stream(value.split(",")).map(String::trim).toList();
    }
}
