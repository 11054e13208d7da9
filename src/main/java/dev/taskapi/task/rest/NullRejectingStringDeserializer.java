package dev.taskapi.task.rest;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Reads strings as Jackson does, but refuses an explicit {@code null} while leaving an absent field
 * null. Jackson's own {@code Nulls.FAIL} cannot tell the two apart for records: it refuses both.
 */
final class NullRejectingStringDeserializer extends StdScalarDeserializer<String> {

    NullRejectingStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return StringDeserializer.instance.deserialize(parser, context);
    }

    @Override
    public String getNullValue(DeserializationContext context) throws InvalidNullException {
        throw InvalidNullException.from(context, null, context.constructType(String.class));
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
