package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the stack's {@code backend} and {@code azure} blocks. */
final class Blocks {

  /** Backend kinds and the settings each takes. */
  static final Map<String, List<String>> BACKEND_SETTINGS = Map.of(
      "local", List.of("path"),
      "azureBlob", List.of("storageAccount", "container", "key", "endpoint"));

  /** Keys of the {@code azure} block. */
  static final List<String> AZURE_KEYS =
      List.of("cloud", "subscriptionId", "credential", "tenantId");

  /** Values of {@code azure.cloud}. */
  static final List<String> CLOUDS =
      List.of("AzurePublic", "AzureChina", "AzureUSGovernment", "sandbox");

  /** Values of {@code azure.credential}. */
  static final List<String> CREDENTIALS = List.of(
      "default", "azureCli", "environment", "workloadIdentity", "managedIdentity");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Blocks() {}

  /** Returns the backend block, empty when the stack has none. */
  static Optional<BackendConfig> backend(YamlNode.Mapping root, Scope scope) {
    if (!root.entries().containsKey("backend")) {
      return Optional.empty();
    }
    YamlNode.Mapping block = YamlFields.mapping(root.entries().get("backend"), "backend");
    YamlFields.checkKeys(block, BACKEND_SETTINGS.keySet(), "backend kind", "");
    if (block.entries().size() != 1) {
      throw new ConfigException(block.position(),
          "backend must name exactly one kind, but it names " + block.entries().size(),
          "keep one of: local, azureBlob");
    }
    String kind = block.entries().keySet().iterator().next();
    YamlNode.Mapping settings =
        YamlFields.mapping(block.entries().get(kind), "backend '" + kind + "'");
    YamlFields.checkKeys(settings, BACKEND_SETTINGS.get(kind), "setting",
        " in backend '" + kind + "'");
    ObjectNode values = plainObject(settings, scope, "backend");
    return Optional.of(new BackendConfig(kind, values, block.keyPosition(kind)));
  }

  /** Returns the resolved azure block, empty when the stack has none. */
  static ObjectNode azure(YamlNode.Mapping root, Scope scope) {
    YamlNode.Mapping block = YamlFields.mapping(root, "azure", "azure");
    YamlFields.checkKeys(block, AZURE_KEYS, "key", " in azure");
    ObjectNode values = plainObject(block, scope, "azure");
    checkAllowed(block, values, "cloud", CLOUDS);
    checkAllowed(block, values, "credential", CREDENTIALS);
    return values;
  }

  private static void checkAllowed(YamlNode.Mapping block, ObjectNode values, String key,
      List<String> allowed) {
    JsonNode value = values.get(key);
    if (value != null && !allowed.contains(value.asText())) {
      throw new ConfigException(block.entries().get(key).position(),
          "invalid azure." + key + " '" + value.asText() + "'",
          Suggestions.closest(value.asText(), allowed)
              .map(s -> "did you mean '" + s + "'?")
              .orElse("valid values are: " + String.join(", ", allowed)));
    }
  }

  // Settings may use variables and environment values, but not resources: they are needed
  // before any resource exists.
  private static ObjectNode plainObject(YamlNode.Mapping block, Scope scope, String what) {
    ObjectNode result = JSON.objectNode();
    for (Map.Entry<String, YamlNode> entry : block.entries().entrySet()) {
      Expr value = scope.convert(entry.getValue());
      if (!(value instanceof Expr.Literal literal)) {
        if (value instanceof Expr.ObjectExpr || value instanceof Expr.ListExpr) {
          throw new ConfigException(value.position(),
              what + "." + entry.getKey() + " must be a plain value",
              "write a string, number or boolean");
        }
        throw new ConfigException(value.position(),
            what + "." + entry.getKey() + " cannot reference a resource",
            "use a literal, ${var.NAME} or ${env.NAME}; " + what
                + " settings are needed before any resource exists");
      }
      if (!literal.value().isValueNode()) {
        throw new ConfigException(value.position(),
            what + "." + entry.getKey() + " must be a plain value",
            "write a string, number or boolean");
      }
      if (!literal.value().isNull()) {
        result.set(entry.getKey(), literal.value());
      }
    }
    return result;
  }
}
