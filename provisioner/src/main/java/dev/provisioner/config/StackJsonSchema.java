package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * Generates a JSON Schema (draft 2020-12) for stack files from the provider schemas, so that
 * editors complete and check stacks. Every typed field also accepts a {@code ${...}}
 * expression, because a reference or variable may stand for any value; the loader checks what
 * a schema cannot.
 */
public final class StackJsonSchema {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String EXPRESSION = "#/$defs/expression";

  private StackJsonSchema() {}

  /** Returns the schema for the types in {@code registry}. */
  public static ObjectNode generate(ProviderRegistry registry) {
    ObjectNode root = JSON.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("title", "provisioner stack");
    root.put("description", "A stack file: resources, their properties and dependencies.");
    root.put("type", "object");
    root.putArray("required").add("stack");
    root.put("additionalProperties", false);

    ObjectNode properties = root.putObject("properties");
    properties.set("stack", describe(string().put("pattern", "^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
        "Name of the stack; it names the state."));
    properties.set("description", describe(string(), "What the stack is for."));
    properties.set("backend", backend());
    properties.set("azure", azure());
    properties.set("variables", mapOf(ref("#/$defs/variable"), "Variables of the stack."));
    properties.set("modules", mapOf(ref("#/$defs/module"), "Modules used by the stack."));
    properties.set("resources", mapOf(ref("#/$defs/resource"), "Resources by name."));
    properties.set("outputs", mapOf(ref("#/$defs/output"), "Outputs of the stack."));

    ObjectNode defs = root.putObject("$defs");
    defs.set("expression", describe(string().put("pattern", "\\$\\{[^}]+\\}"),
        "An expression: ${NAME}, ${NAME.attribute}, ${var.NAME}, ${env.NAME} or "
            + "${module.NAME.OUTPUT}."));
    defs.set("variable", variable());
    defs.set("module", module());
    defs.set("output", output());
    defs.set("resource", resource(registry));
    for (Map.Entry<String, ResourceType> entry : registry.types().entrySet()) {
      ResourceSchema schema = entry.getValue().schema();
      ObjectNode type = object(schema.fields());
      describe(type, schema.doc());
      defs.set(entry.getKey(), type);
    }
    return root;
  }

  private static ObjectNode resource(ProviderRegistry registry) {
    ObjectNode resource = JSON.objectNode();
    resource.put("type", "object");
    resource.putArray("required").add("type");
    resource.put("additionalProperties", false);
    ObjectNode properties = resource.putObject("properties");
    ObjectNode type = string();
    ArrayNode names = type.putArray("enum");
    registry.types().keySet().forEach(names::add);
    properties.set("type", describe(type, "Resource type, for example azure.aksCluster."));
    properties.set("properties", describe(JSON.objectNode().put("type", "object"),
        "Properties of the resource, as its type declares them."));
    properties.set("dependsOn", describe(arrayOf(string()),
        "Resources (NAME) or modules (module.NAME) to wait for besides references."));
    ObjectNode lifecycle = JSON.objectNode().put("type", "object");
    lifecycle.put("additionalProperties", false);
    ObjectNode rules = lifecycle.putObject("properties");
    rules.set("preventDestroy", describe(JSON.objectNode().put("type", "boolean"),
        "A plan that deletes or replaces the resource is an error."));
    rules.set("ignoreChanges", describe(arrayOf(string()),
        "Property paths whose differences are not planned."));
    rules.set("createBeforeDestroy", describe(JSON.objectNode().put("type", "boolean"),
        "A replacement creates the new resource before deleting the old one."));
    properties.set("lifecycle", lifecycle);

    ArrayNode allOf = resource.putArray("allOf");
    for (String name : registry.types().keySet()) {
      ObjectNode rule = allOf.addObject();
      rule.putObject("if").putObject("properties").putObject("type").put("const", name);
      rule.putObject("then").putObject("properties").set("properties", ref("#/$defs/" + name));
    }
    return resource;
  }

  private static ObjectNode object(List<FieldSchema> fields) {
    ObjectNode object = JSON.objectNode();
    object.put("type", "object");
    object.put("additionalProperties", false);
    ObjectNode properties = object.putObject("properties");
    ArrayNode required = JSON.arrayNode();
    for (FieldSchema field : fields) {
      if (field.computed()) {
        continue;
      }
      properties.set(field.name(), field(field));
      if (field.required()) {
        required.add(field.name());
      }
    }
    if (!required.isEmpty()) {
      object.set("required", required);
    }
    return object;
  }

  private static ObjectNode field(FieldSchema field) {
    ObjectNode value;
    switch (field.type()) {
      case STRING:
        value = string();
        if (!field.allowedValues().isEmpty()) {
          value = orExpression(enumOf(field.allowedValues()));
        }
        break;
      case INT:
        value = orExpression(JSON.objectNode().put("type", "integer"));
        break;
      case BOOL:
        value = orExpression(JSON.objectNode().put("type", "boolean"));
        break;
      case LIST:
        value = orExpression(arrayOf(element(field)));
        break;
      case MAP:
        value = orExpression(JSON.objectNode().put("type", "object")
            .set("additionalProperties", element(field)));
        break;
      case OBJECT:
      case RESOURCE:
        value = orExpression(field.fields().isEmpty()
            ? JSON.objectNode().put("type", "object") : object(field.fields()));
        break;
      default:
        value = JSON.objectNode();
        break;
    }
    describe(value, documentation(field));
    if (field.defaultValue() != null) {
      value.set("default", field.defaultValue());
    }
    return value;
  }

  private static ObjectNode element(FieldSchema container) {
    return container.element() == null ? JSON.objectNode() : field(container.element());
  }

  /** Returns the field's doc with its flags, as editors show it on hover. */
  static String documentation(FieldSchema field) {
    StringBuilder text = new StringBuilder(field.doc());
    if (field.forceNew()) {
      text.append(text.length() == 0 ? "" : " ").append("Changing it replaces the resource.");
    }
    if (field.sensitive()) {
      text.append(text.length() == 0 ? "" : " ").append("Sensitive.");
    }
    return text.toString();
  }

  private static ObjectNode variable() {
    ObjectNode variable = JSON.objectNode().put("type", "object");
    variable.put("additionalProperties", false);
    ObjectNode properties = variable.putObject("properties");
    properties.set("type", enumOf(List.of("string", "int", "bool", "list", "map")));
    properties.set("default", JSON.objectNode());
    properties.set("description", string());
    properties.set("sensitive", JSON.objectNode().put("type", "boolean"));
    ObjectNode validation = JSON.objectNode().put("type", "object");
    validation.put("additionalProperties", false);
    ObjectNode rules = validation.putObject("properties");
    rules.set("regex", string());
    rules.set("allowed", JSON.objectNode().put("type", "array").put("minItems", 1));
    rules.set("message", string());
    properties.set("validation", validation);
    return variable;
  }

  private static ObjectNode module() {
    ObjectNode module = JSON.objectNode().put("type", "object");
    module.putArray("required").add("source");
    module.put("additionalProperties", false);
    ObjectNode properties = module.putObject("properties");
    properties.set("source", describe(string(), "Folder holding module.yaml, relative to this "
        + "file."));
    properties.set("inputs", describe(JSON.objectNode().put("type", "object"),
        "Values of the module's inputs."));
    return module;
  }

  private static ObjectNode output() {
    ObjectNode output = JSON.objectNode().put("type", "object");
    output.putArray("required").add("value");
    output.put("additionalProperties", false);
    ObjectNode properties = output.putObject("properties");
    properties.set("value", JSON.objectNode());
    properties.set("description", string());
    properties.set("sensitive", JSON.objectNode().put("type", "boolean"));
    return output;
  }

  private static ObjectNode backend() {
    ObjectNode backend = JSON.objectNode().put("type", "object");
    backend.put("minProperties", 1);
    backend.put("maxProperties", 1);
    backend.put("additionalProperties", false);
    ObjectNode kinds = backend.putObject("properties");
    for (Map.Entry<String, List<String>> kind : Blocks.BACKEND_SETTINGS.entrySet()) {
      ObjectNode settings = JSON.objectNode().put("type", "object");
      settings.put("additionalProperties", false);
      ObjectNode properties = settings.putObject("properties");
      kind.getValue().forEach(name -> properties.set(name, string()));
      kinds.set(kind.getKey(), settings);
    }
    return describe(backend, "Where state is kept: local (the default) or azureBlob.");
  }

  private static ObjectNode azure() {
    ObjectNode azure = JSON.objectNode().put("type", "object");
    azure.put("additionalProperties", false);
    ObjectNode properties = azure.putObject("properties");
    properties.set("cloud", orExpression(enumOf(Blocks.CLOUDS)));
    properties.set("subscriptionId", string());
    properties.set("credential", orExpression(enumOf(Blocks.CREDENTIALS)));
    properties.set("tenantId", string());
    return describe(azure, "Azure cloud, subscription and credential.");
  }

  private static ObjectNode string() {
    return JSON.objectNode().put("type", "string");
  }

  private static ObjectNode ref(String target) {
    return JSON.objectNode().put("$ref", target);
  }

  private static ObjectNode enumOf(List<String> values) {
    ObjectNode node = JSON.objectNode();
    ArrayNode array = node.putArray("enum");
    values.forEach(array::add);
    return node;
  }

  private static ObjectNode arrayOf(JsonNode items) {
    ObjectNode node = JSON.objectNode().put("type", "array");
    node.set("items", items);
    return node;
  }

  private static ObjectNode mapOf(JsonNode values, String description) {
    ObjectNode node = JSON.objectNode().put("type", "object");
    node.set("additionalProperties", values);
    return describe(node, description);
  }

  private static ObjectNode orExpression(ObjectNode schema) {
    ObjectNode node = JSON.objectNode();
    node.putArray("anyOf").add(schema).add(ref(EXPRESSION));
    return node;
  }

  private static ObjectNode describe(ObjectNode node, String description) {
    if (!description.isEmpty()) {
      node.put("description", description);
    }
    return node;
  }
}
