package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Schema-driven rewrites of attribute objects: defaults, whole-resource references and sensitive
 * paths.
 *
 * <p>A {@link FieldType#RESOURCE} field reaches providers as the referenced resource's attributes
 * plus its {@code address}; state and plans keep only {@code {address, id}} so that a change to
 * another attribute of the referenced resource is not a change of this one. A RESOURCE field
 * written as an object literal (no {@code address} key) is kept as written.
 */
public final class ResourceValues {

  private ResourceValues() {}

  /** Returns a copy of {@code properties} with schema defaults filled in where unset. */
  public static ObjectNode withDefaults(ResourceSchema schema, ObjectNode properties) {
    ObjectNode result = properties.deepCopy();
    addDefaults(schema.fields(), result);
    return result;
  }

  private static void addDefaults(List<FieldSchema> fields, ObjectNode into) {
    for (FieldSchema field : fields) {
      JsonNode value = into.get(field.name());
      if ((value == null || value.isNull()) && field.defaultIfAny().isPresent()) {
        into.set(field.name(), field.defaultIfAny().get().deepCopy());
      } else if (value != null && value.isObject() && field.type() == FieldType.OBJECT) {
        addDefaults(field.fields(), (ObjectNode) value);
      }
    }
  }

  /**
   * Returns {@code attributes} with every whole-resource reference reduced to
   * {@code {address, id}}: a copy when there is one, else {@code attributes} itself, which
   * callers must therefore not change.
   */
  public static ObjectNode reduceReferences(ResourceSchema schema, ObjectNode attributes) {
    if (!hasReference(schema, attributes)) {
      return attributes;
    }
    ObjectNode result = attributes.deepCopy();
    for (FieldSchema field : schema.fields()) {
      JsonNode value = result.get(field.name());
      if (field.type() == FieldType.RESOURCE && isReference(value)) {
        ObjectNode reduced = result.objectNode();
        reduced.set("address", value.get("address"));
        JsonNode id = value.get("id");
        reduced.set("id", id == null ? reduced.nullNode() : id);
        result.set(field.name(), reduced);
      }
    }
    return result;
  }

  /**
   * Returns {@code attributes} with every whole-resource reference expanded again from the
   * referenced resource's attributes, which {@code attributesOf} supplies by address; a
   * reference whose resource is not known any more stays reduced. Like
   * {@link #reduceReferences}, it copies only when there is a reference.
   */
  public static ObjectNode expandReferences(
      ResourceSchema schema,
      ObjectNode attributes,
      Function<String, Optional<ObjectNode>> attributesOf) {
    if (!hasReference(schema, attributes)) {
      return attributes;
    }
    ObjectNode result = attributes.deepCopy();
    for (FieldSchema field : schema.fields()) {
      JsonNode value = result.get(field.name());
      if (field.type() == FieldType.RESOURCE && isReference(value)) {
        String address = value.get("address").asText();
        Optional<ObjectNode> target = attributesOf.apply(address);
        if (target.isPresent()) {
          ObjectNode expanded = target.get().deepCopy();
          expanded.put("address", address);
          result.set(field.name(), expanded);
        }
      }
    }
    return result;
  }

  /** Returns the addresses of the whole-resource references in {@code attributes}. */
  public static List<String> referencedAddresses(ResourceSchema schema, ObjectNode attributes) {
    List<String> result = new ArrayList<>();
    for (FieldSchema field : schema.fields()) {
      JsonNode value = attributes.get(field.name());
      if (field.type() == FieldType.RESOURCE && isReference(value)) {
        result.add(value.get("address").asText());
      }
    }
    return result;
  }

  private static boolean hasReference(ResourceSchema schema, ObjectNode attributes) {
    for (FieldSchema field : schema.fields()) {
      if (field.type() == FieldType.RESOURCE && isReference(attributes.get(field.name()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isReference(JsonNode value) {
    return value != null && value.isObject() && value.has("address")
        && value.get("address").isTextual();
  }

  /**
   * Returns the paths of the sensitive fields that are set in {@code attributes}, including
   * sensitive sub-fields of objects.
   */
  public static List<String> sensitivePaths(ResourceSchema schema, ObjectNode attributes) {
    List<String> result = new ArrayList<>();
    collectSensitive(schema.fields(), attributes, "", result);
    return result;
  }

  /**
   * Returns the paths of the sensitive values in {@code attributes}: the schema's sensitive
   * fields and the paths {@code type} marks by value.
   */
  public static List<String> sensitivePaths(ResourceType type, ObjectNode attributes) {
    List<String> result = sensitivePaths(type.schema(), attributes);
    for (String path : type.sensitivePaths(attributes)) {
      if (!result.contains(path)) {
        result.add(path);
      }
    }
    return result;
  }

  private static void collectSensitive(
      Collection<FieldSchema> fields, JsonNode node, String prefix, List<String> into) {
    for (FieldSchema field : fields) {
      JsonNode value = node.get(field.name());
      if (value == null || value.isNull()) {
        continue;
      }
      String path = JsonValues.join(prefix, field.name());
      if (field.sensitive()) {
        into.add(path);
      } else if (field.type() == FieldType.OBJECT && value.isObject()) {
        collectSensitive(field.fields(), value, path, into);
      }
    }
  }

  /**
   * Returns a copy of {@code attributes} with an unknown value for every computed top-level field
   * that is absent; used for resources still to be created.
   */
  public static ObjectNode withUnknownComputed(ResourceSchema schema, ObjectNode attributes) {
    ObjectNode result = attributes.deepCopy();
    for (FieldSchema field : schema.fields()) {
      if (field.computed() && !result.has(field.name())) {
        result.set(field.name(), Values.unknown());
      }
    }
    return result;
  }

  /** Returns whether {@code path} is one of {@code sensitivePaths} or lies below one. */
  public static boolean isSensitive(String path, Collection<String> sensitivePaths) {
    for (String sensitive : sensitivePaths) {
      if (path.equals(sensitive) || path.startsWith(sensitive + ".")
          || path.startsWith(sensitive + "[")) {
        return true;
      }
    }
    return false;
  }
}
