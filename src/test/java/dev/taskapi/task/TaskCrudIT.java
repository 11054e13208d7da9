package dev.taskapi.task;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * {@link TaskCrudTest} against the packaged native application, which polls Quarkus' mock event
 * server for its Lambda events as it would poll Lambda's Runtime API.
 * <p>
 * Not against the JVM build: its runner jar starts no poll loop in the prod profile (Quarkus starts
 * one only in native builds; in Lambda the Java runtime calls QuarkusStreamHandler instead), so no
 * request would ever be answered. FunctionZipIT runs the JVM build the way Lambda runs it.
 */
@QuarkusIntegrationTest
@DisabledOnIntegrationTest(value = "The JVM runner jar does not poll for Lambda events; FunctionZipIT covers it",
        forArtifactTypes = DisabledOnIntegrationTest.ArtifactType.JAR)
class TaskCrudIT extends TaskCrudTest {

    /** Read once: a restart of the application after a failed test clears the system property. */
    static final int MOCK_EVENT_SERVER_PORT = Integer.getInteger("quarkus.lambda.mock-event-server.test-port", 8081);

    @BeforeEach
    void aimAtTheMockEventServer() {
        // The packaged application listens on no port, so the extension has none to give REST
        // Assured (it sets -1, then clears it after the first test): requests go through the mock
        // event server instead.
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = MOCK_EVENT_SERVER_PORT;
    }
}
