package dev.taskapi.task.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.taskapi.task.support.LocalDynamoDb;
import dev.taskapi.task.support.StoredTasks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The hook Lambda calls before a SnapStart snapshot sends its reading requests through the whole
 * request path of the started function. No JVM here takes snapshots, so the test calls the hook as
 * Lambda's runtime would.
 */
@QuarkusTest
@WithTestResource(value = LocalDynamoDb.class, scope = TestResourceScope.GLOBAL)
class SnapshotPrimingTest {

    @Inject
    SnapshotPriming priming;

    @Inject
    StoredTasks stored;

    @Test
    void beforeCheckpoint_primesThroughTheHandler_andStoresNothing() {
        int before = priming.answers().size();

        priming.beforeCheckpoint(null);

        // 404 and 200 are what a client gets for these reads: the requests went the whole way.
        assertEquals(List.of(404, 200), priming.answers().subList(before, priming.answers().size()));
        assertEquals(0, stored.count(SnapshotPriming.OWNER));
        assertTrue(stored.item(SnapshotPriming.OWNER, SnapshotPriming.MISSING_ID).isEmpty());
    }

    @Test
    void afterPriming_requestsAreServedAsUsual() {
        priming.beforeCheckpoint(null);

        String id = given().contentType(ContentType.JSON).body("{\"title\": \"After priming\"}")
                .when().post("/tasks").then().statusCode(201).extract().path("id");

        given().when().get("/tasks/{id}", id).then().statusCode(200);
    }
}
