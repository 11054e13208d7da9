package dev.taskapi.task.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A SAM template read as CloudFormation reads it: short-form tags ({@code !Ref x},
 * {@code !GetAtt a.b}, {@code !Sub ...}, {@code !If [...]} and the rest) become their long forms
 * ({@code {"Ref": "x"}}, {@code {"Fn::GetAtt": ["a", "b"]}}, ...), so tests can follow references.
 */
public final class SamTemplate {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "ToJsonString", "Length");
    private static final String SERVERLESS = "AWS::Serverless::";

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(reader);
            return new SamTemplate(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template given as text, such as a small broken one that shows a check can fail. */
    public static SamTemplate parse(String yaml) {
        Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(yaml);
        return new SamTemplate(root);
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, Map.of()));
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    /** The logical ids of the resources of {@code type}, such as {@code AWS::DynamoDB::Table}. */
    public List<String> resourcesOfType(String type) {
        return resources().entrySet().stream()
                .filter(entry -> type.equals(map(entry.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    /** The one resource of {@code type}; fails unless there is exactly one. */
    public Map<String, Object> single(String type) {
        List<String> ids = resourcesOfType(type);
        if (ids.size() != 1) {
            throw new AssertionError("Expected one " + type + ", found " + ids);
        }
        return map(resources().get(ids.get(0)));
    }

    public static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    /**
     * The properties of resource {@code logicalId} as the SAM transform sees them: its own merged
     * over the {@code Globals} section for its type ({@code Function} for
     * {@code AWS::Serverless::Function}, and so on). SAM's rules: maps merge key by key, lists
     * concatenate (globals first), anything else, intrinsic functions included, is taken from the
     * resource when it has it.
     */
    public Map<String, Object> propertiesWithGlobals(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        String type = String.valueOf(resource.get("Type"));
        Map<String, Object> own = properties(resource);
        if (!type.startsWith(SERVERLESS)) {
            return own;
        }
        Object globals = section("Globals").get(type.substring(SERVERLESS.length()));
        return globals == null ? own : map(merge(globals, own));
    }

    private static Object merge(Object global, Object local) {
        if (global instanceof Map<?, ?> && local instanceof Map<?, ?>
                && !isIntrinsic(global) && !isIntrinsic(local)) {
            Map<String, Object> merged = new LinkedHashMap<>(map(global));
            map(local).forEach((key, value) -> merged.merge(key, value, SamTemplate::merge));
            return merged;
        }
        if (global instanceof List<?> && local instanceof List<?>) {
            List<Object> merged = new ArrayList<>(list(global));
            merged.addAll(list(local));
            return merged;
        }
        return local;
    }

    /** Whether {@code value} is an intrinsic function: {@code {"Ref": ...}} or {@code {"Fn::...": ...}}. */
    public static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
            return false;
        }
        String key = String.valueOf(m.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("Expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("Expected a list, found " + value);
        }
        return (List<Object>) value;
    }

    /** Turns every CloudFormation short-form tag into its long form. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            // Like Ref, and unlike the functions, its long form has no "Fn::" prefix.
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"].
                    value = key.equals("Fn::GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
