package dev.taskapi.floor;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The whole floor function: one GetItem per request, the item's string attributes as JSON. */
@Path("/items/{id}")
public class ItemResource {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String owner;

    public ItemResource(DynamoDbClient dynamo, @ConfigProperty(name = "floor.table") String table,
            @ConfigProperty(name = "floor.owner") String owner) {
        this.dynamo = dynamo;
        this.table = table;
        this.owner = owner;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get(@PathParam("id") String id) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get
                .tableName(table)
                .key(Map.of("owner", AttributeValue.fromS(owner), "id", AttributeValue.fromS(id)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new NotFoundException();
        }
        return Map.of("id", item.get("id").s(), "title", item.get("title").s(), "status", item.get("status").s());
    }
}
