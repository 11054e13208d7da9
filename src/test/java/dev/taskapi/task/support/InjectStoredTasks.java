package dev.taskapi.task.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link StoredTasks} field for {@link LocalDynamoDb} to fill. Unlike {@code @Inject}, this
 * also works in a {@code @QuarkusIntegrationTest}, whose test instance lives outside the application.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectStoredTasks {
}
