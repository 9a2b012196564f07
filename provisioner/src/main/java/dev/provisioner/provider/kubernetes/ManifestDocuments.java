package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.provisioner.provider.ProviderException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads Kubernetes objects from YAML text of one or more documents. */
public final class ManifestDocuments {

  private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

  private ManifestDocuments() {}

  /**
   * Parses every document of {@code text} into an object; empty documents are skipped and
   * {@code kind: List} documents contribute their items.
   *
   * @param source where the text came from, for messages (a path, URL or catalogue file)
   * @throws ProviderException when a document is not YAML or not a Kubernetes object
   */
  public static List<ObjectNode> parse(String text, String source) {
    return parse(text, source, false);
  }

  /**
   * Parses every document of {@code text} like {@link #parse(String, String)}, accepting objects
   * named by {@code metadata.generateName} when {@code allowGenerateName} is set: those can be
   * created but not applied.
   */
  public static List<ObjectNode> parse(String text, String source, boolean allowGenerateName) {
    List<ObjectNode> objects = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(text);
        MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(parser)) {
      int index = 0;
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        index++;
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        addObjects(document, source + " document " + index, allowGenerateName, objects);
      }
    } catch (IOException e) {
      throw new ProviderException(
          "InvalidManifest", source + ": invalid YAML: " + e.getMessage(), e);
    }
    return objects;
  }

  /**
   * Checks that each of {@code values} is a Kubernetes object and returns copies of them.
   *
   * @param source where the values came from, for messages
   */
  public static List<ObjectNode> fromValues(Iterable<JsonNode> values, String source) {
    List<ObjectNode> objects = new ArrayList<>();
    int index = 0;
    for (JsonNode value : values) {
      addObjects(value, source + "[" + index + "]", false, objects);
      index++;
    }
    return objects;
  }

  private static void addObjects(
      JsonNode document, String where, boolean allowGenerateName, List<ObjectNode> objects) {
    if (!(document instanceof ObjectNode object)) {
      throw new ProviderException(
          "InvalidManifest", where + ": expected a Kubernetes object (a YAML map)");
    }
    if ("List".equals(object.path("kind").asText()) && object.path("items").isArray()) {
      int item = 0;
      for (JsonNode value : object.path("items")) {
        addObjects(value, where + " item " + item, allowGenerateName, objects);
        item++;
      }
      return;
    }
    requireText(object, "apiVersion", where);
    requireText(object, "kind", where);
    JsonNode metadata = object.path("metadata");
    boolean generated = allowGenerateName && metadata.path("generateName").isTextual();
    if (!generated
        && (!metadata.path("name").isTextual() || metadata.path("name").asText().isEmpty())) {
      String reason =
          metadata.has("generateName")
              ? "uses metadata.generateName, which server-side apply cannot address; give it"
                  + " metadata.name"
              : "has no metadata.name";
      throw new ProviderException(
          "InvalidManifest", where + ": " + object.path("kind").asText() + " " + reason);
    }
    objects.add(object.deepCopy());
  }

  private static void requireText(ObjectNode object, String field, String where) {
    if (!object.path(field).isTextual() || object.path(field).asText().isEmpty()) {
      throw new ProviderException("InvalidManifest", where + ": missing '" + field + "'");
    }
  }
}
