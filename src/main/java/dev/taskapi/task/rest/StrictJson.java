package dev.taskapi.task.rest;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON mapper of the REST bodies: request bodies are read as written. No coercion
 * ({@code {"title": 12}} is not "12"), no explicit nulls, no unknown fields, no duplicate keys,
 * nothing after the object, and bounded nesting and lengths.
 * <p>
 * It is a copy, not a customizer of the application's mapper, because the Lambda runtime copies
 * that one to read API Gateway events and write their responses, which must stay lenient.
 */
@Provider
public class StrictJson implements ContextResolver<ObjectMapper> {

    /** Well above the largest valid body (a 2000-character description), far below memory trouble. */
    private static final int MAX_STRING_LENGTH = 64 * 1024;

    private final ObjectMapper mapper;

    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the copy leaves no builder
    public StrictJson(ObjectMapper application) {
        mapper = application.copy();
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("strict-strings")
                .addDeserializer(String.class, new NullRejectingStringDeserializer()));
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(32)
                .build());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
