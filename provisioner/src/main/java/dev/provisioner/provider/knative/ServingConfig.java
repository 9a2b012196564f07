package dev.provisioner.provider.knative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.ProviderException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes {@code domain} and {@code config} of a {@code knative.serving} resource into the
 * release's {@code config-*} ConfigMaps, keeping the entries the release ships.
 */
final class ServingConfig {

  /** Namespace of Knative Serving's components and ConfigMaps. */
  static final String NAMESPACE = "knative-serving";

  private ServingConfig() {}

  /**
   * Merges the properties into the ConfigMaps among {@code objects}.
   *
   * @throws ProviderException when {@code config} names a ConfigMap the release does not have
   */
  static void apply(List<ObjectNode> objects, ObjectNode properties) {
    JsonNode domain = properties.get("domain");
    if (domain != null && domain.isTextual() && !domain.asText().isEmpty()) {
      // An entry with an empty value makes the domain the default for every service
      // (Knative Serving docs, "Configuring the default domain").
      configMap(objects, "config-domain").with("data").put(domain.asText(), "");
    }
    JsonNode config = properties.get("config");
    if (config == null || !config.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> maps = config.fields();
    while (maps.hasNext()) {
      Map.Entry<String, JsonNode> map = maps.next();
      String name = map.getKey().startsWith("config-") ? map.getKey() : "config-" + map.getKey();
      ObjectNode data = configMap(objects, name).with("data");
      Iterator<Map.Entry<String, JsonNode>> entries = map.getValue().fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        data.put(entry.getKey(), entry.getValue().asText());
      }
    }
  }

  private static ObjectNode configMap(List<ObjectNode> objects, String name) {
    TreeSet<String> known = new TreeSet<>();
    for (ObjectNode object : objects) {
      if (!object.path("kind").asText().equals("ConfigMap")
          || !object.path("metadata").path("namespace").asText().equals(NAMESPACE)) {
        continue;
      }
      String objectName = object.path("metadata").path("name").asText();
      if (objectName.equals(name)) {
        return object;
      }
      if (objectName.startsWith("config-")) {
        known.add(objectName.substring("config-".length()));
      }
    }
    throw new ProviderException(
        "UnknownConfigMap",
        "config: Knative Serving has no ConfigMap "
            + name
            + " in "
            + NAMESPACE
            + "; known: "
            + String.join(", ", known));
  }
}
