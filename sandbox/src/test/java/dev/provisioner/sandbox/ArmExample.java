package dev.provisioner.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One published ARM REST example: request parameters and the responses ARM documents for it,
 * read from the fixture folder beside the repository ({@code ../shared/fixtures/azure}).
 */
record ArmExample(String name, JsonNode root) {

  /** Property names whose values are enums in the ARM specifications compared here. */
  static final Set<String> ENUM_KEYS =
      Set.of("provisioningState", "mode", "osType", "type", "networkPlugin", "networkPolicy",
          "loadBalancerSku", "outboundType", "scaleSetPriority", "scaleSetEvictionPolicy",
          "osSKU", "tier", "supportPlan", "code", "ipFamilies", "scaleDownMode");

  static Path fixtures() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
      directory = directory.getParent();
    }
    if (directory == null) {
      throw new IllegalStateException("cannot find the repository root above the working dir");
    }
    Path fixtures = directory.resolveSibling("shared").resolve("fixtures").resolve("azure");
    if (!Files.isDirectory(fixtures)) {
      throw new IllegalStateException("ARM examples are missing: expected them in " + fixtures);
    }
    return fixtures;
  }

  static ArmExample load(String relativePath) throws IOException {
    Path file = fixtures().resolve(relativePath);
    return new ArmExample(relativePath, ArmHttp.JSON.readTree(file.toFile()));
  }

  JsonNode parameters() {
    return root.path("parameters");
  }

  String apiVersion() {
    return parameters().path("api-version").asText();
  }

  String parameter(String name) {
    return parameters().path(name).asText();
  }

  Set<String> statuses() {
    Set<String> statuses = new TreeSet<>();
    root.path("responses").fieldNames().forEachRemaining(statuses::add);
    return statuses;
  }

  /** Returns the documented body for {@code status}, or the first documented body. */
  JsonNode body(int status) {
    JsonNode exact = root.path("responses").path(Integer.toString(status)).path("body");
    if (!exact.isMissingNode()) {
      return exact;
    }
    for (JsonNode response : root.path("responses")) {
      if (response.has("body")) {
        return response.get("body");
      }
    }
    return exact;
  }

  /**
   * Returns a copy of {@code node} with the values the sandbox cannot accept replaced:
   * {@code location1} is a placeholder, not a region, so it becomes {@code eastus}; Kubernetes
   * versions such as 1.9.6 and 1.29.0 are long out of support, so they become "" (the default
   * version AKS offers today).
   */
  static JsonNode substitute(JsonNode node) {
    JsonNode copy = node.deepCopy();
    replace(copy);
    return copy;
  }

  /**
   * Returns {@link #substitute} of a managed cluster body, with Standard_DS1_v2 pools moved to
   * Standard_DS2_v2: AKS requires 2 vCPUs and 4 GB of memory in System pools, and DS1_v2 has
   * one vCPU and 3.5 GB.
   */
  static JsonNode substituteCluster(JsonNode node) {
    JsonNode copy = substitute(node);
    for (JsonNode pool : copy.path("properties").path("agentPoolProfiles")) {
      if (pool.path("vmSize").asText().equals("Standard_DS1_v2")) {
        ((ObjectNode) pool).put("vmSize", "Standard_DS2_v2");
      }
    }
    return copy;
  }

  private static void replace(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual() && value.asText().equals("location1")) {
          field.setValue(TextNode.valueOf("eastus"));
        } else if (value.isTextual()
            && (field.getKey().equals("kubernetesVersion")
                || field.getKey().equals("orchestratorVersion"))) {
          field.setValue(TextNode.valueOf(""));
        } else {
          replace(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(ArmExample::replace);
    }
  }

  /** Returns every leaf path of {@code node} with its values, arrays written as {@code []}. */
  static Map<String, Set<String>> leaves(JsonNode node) {
    Map<String, Set<String>> leaves = new LinkedHashMap<>();
    collect(node, "", leaves);
    return leaves;
  }

  private static void collect(JsonNode node, String path, Map<String, Set<String>> leaves) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        leaves.computeIfAbsent(path, key -> new LinkedHashSet<>());
      }
      node.fields().forEachRemaining(
          field -> collect(field.getValue(), path + "." + field.getKey(), leaves));
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        leaves.computeIfAbsent(path, key -> new LinkedHashSet<>());
      }
      node.forEach(element -> collect(element, path + "[]", leaves));
    } else {
      leaves.computeIfAbsent(path, key -> new LinkedHashSet<>()).add(node.asText());
    }
  }

  /** Returns the last property name of a path such as {@code .properties.mode}. */
  static String lastKey(String path) {
    String trimmed = path.replace("[]", "");
    return trimmed.substring(trimmed.lastIndexOf('.') + 1);
  }
}
