package dev.taskapi.task.deploy;

import static dev.taskapi.task.support.SamTemplate.list;
import static dev.taskapi.task.support.SamTemplate.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskapi.task.support.SamTemplate;

/**
 * Finds what CloudFormation would reject only at deploy time: a {@code Ref}, {@code Fn::GetAtt},
 * {@code ${...}} in {@code Fn::Sub}, {@code Condition} or {@code Fn::If} naming nothing declared,
 * and parameters or conditions declared but never used.
 */
final class TemplateReferences {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** The attributes a GetAtt may read, for the types these templates use; other types are not checked. */
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "AWS::DynamoDB::Table", Set.of("Arn", "StreamArn"),
            "AWS::Logs::LogGroup", Set.of("Arn"),
            "AWS::IAM::Role", Set.of("Arn", "RoleId"),
            "AWS::Serverless::HttpApi", Set.of("ApiEndpoint", "ApiId"),
            "AWS::Serverless::Function", Set.of("Arn"));

    /** ${Name} or ${Name.Attribute}; ${!Literal} is an escape, not a reference. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final SamTemplate template;
    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;
    private final Map<String, Object> conditions;
    private final Set<String> usedParameters = new HashSet<>();
    private final Set<String> usedConditions = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    private TemplateReferences(SamTemplate template) {
        this.template = template;
        this.parameters = template.section("Parameters");
        this.resources = template.resources();
        this.conditions = template.section("Conditions");
    }

    /** Every dangling reference and every unused parameter or condition, one line each; empty if none. */
    static List<String> problems(SamTemplate template) {
        TemplateReferences check = new TemplateReferences(template);
        check.run();
        return check.problems;
    }

    private void run() {
        conditions.forEach((name, body) -> walk(body, "Conditions/" + name, true));
        template.section("Globals").forEach((section, body) -> walk(body, "Globals/" + section, false));
        resources.forEach((id, body) -> {
            Map<String, Object> resource = map(body);
            String at = "Resources/" + id;
            condition(resource.get("Condition"), at + "/Condition");
            Object dependsOn = resource.get("DependsOn");
            List<Object> dependencies = dependsOn instanceof List<?> ? list(dependsOn)
                    : dependsOn == null ? List.of() : List.of(dependsOn);
            dependencies.forEach(dependency -> {
                if (!resources.containsKey(String.valueOf(dependency))) {
                    problems.add(at + "/DependsOn: no resource " + dependency);
                }
            });
            walk(resource.get("Properties"), at + "/Properties", false);
            walk(resource.get("Metadata"), at + "/Metadata", false);
        });
        template.section("Outputs").forEach((name, body) -> {
            Map<String, Object> output = map(body);
            condition(output.get("Condition"), "Outputs/" + name + "/Condition");
            walk(output.get("Value"), "Outputs/" + name + "/Value", false);
            walk(output.get("Export"), "Outputs/" + name + "/Export", false);
        });
        parameters.keySet().stream().filter(name -> !usedParameters.contains(name))
                .forEach(name -> problems.add("Parameters/" + name + ": never used"));
        conditions.keySet().stream().filter(name -> !usedConditions.contains(name))
                .forEach(name -> problems.add("Conditions/" + name + ": never used"));
    }

    private void walk(Object node, String at, boolean inConditions) {
        if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), at + "/" + i, inConditions);
            }
            return;
        }
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> mapping = map(node);
        if (mapping.size() == 1) {
            String key = mapping.keySet().iterator().next();
            Object value = mapping.get(key);
            switch (key) {
                case "Ref" -> {
                    ref(String.valueOf(value), at);
                    return;
                }
                case "Fn::GetAtt" -> {
                    List<Object> parts = list(value);
                    getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)), at);
                    return;
                }
                case "Fn::Sub" -> {
                    sub(value, at, inConditions);
                    return;
                }
                case "Fn::If" -> {
                    List<Object> arguments = list(value);
                    condition(arguments.get(0), at + "/Fn::If");
                    walk(arguments.subList(1, arguments.size()), at + "/Fn::If", inConditions);
                    return;
                }
                case "Condition" -> {
                    // {"Condition": "Name"} refers to a condition only where conditions are combined;
                    // elsewhere (an IAM statement's Condition block) it is a mapping.
                    if (inConditions && value instanceof String name) {
                        condition(name, at);
                        return;
                    }
                }
                default -> {
                }
            }
        }
        mapping.forEach((key, value) -> walk(value, at + "/" + key, inConditions));
    }

    private void ref(String name, String at) {
        if (parameters.containsKey(name)) {
            usedParameters.add(name);
        } else if (!resources.containsKey(name) && !PSEUDO_PARAMETERS.contains(name) && !samAliasOrVersion(name)) {
            problems.add(at + ": Ref to undeclared " + name);
        }
    }

    /** SAM's {@code !Ref Function.Alias} and {@code !Ref Function.Version}, for a function with AutoPublishAlias. */
    private boolean samAliasOrVersion(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String id = name.substring(0, dot);
        String property = name.substring(dot + 1);
        return (property.equals("Alias") || property.equals("Version"))
                && resources.containsKey(id)
                && "AWS::Serverless::Function".equals(map(resources.get(id)).get("Type"))
                && template.propertiesWithGlobals(id).get("AutoPublishAlias") != null;
    }

    private void getAtt(String id, String attribute, String at) {
        if (!resources.containsKey(id)) {
            problems.add(at + ": GetAtt of undeclared resource " + id);
            return;
        }
        Set<String> known = ATTRIBUTES.get(String.valueOf(map(resources.get(id)).get("Type")));
        if (known != null && !known.contains(attribute)) {
            problems.add(at + ": " + id + " has no attribute " + attribute);
        }
    }

    private void sub(Object value, String at, boolean inConditions) {
        String text;
        Map<String, Object> variables = Map.of();
        if (value instanceof List<?> arguments) {
            text = String.valueOf(arguments.get(0));
            variables = map(arguments.get(1));
            walk(variables, at + "/Fn::Sub", inConditions);
        } else {
            text = String.valueOf(value);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            if (variables.containsKey(name)) {
                continue;
            }
            int dot = name.indexOf('.');
            if (dot > 0 && !name.startsWith("AWS::")) {
                getAtt(name.substring(0, dot), name.substring(dot + 1), at + "/Fn::Sub");
            } else {
                ref(name, at + "/Fn::Sub");
            }
        }
    }

    private void condition(Object name, String at) {
        if (name == null) {
            return;
        }
        if (conditions.containsKey(String.valueOf(name))) {
            usedConditions.add(String.valueOf(name));
        } else {
            problems.add(at + ": undeclared condition " + name);
        }
    }
}
