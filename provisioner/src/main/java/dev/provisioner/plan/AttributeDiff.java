package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attribute paths in which planned values differ from prior ones, and which of them force
 * replacement.
 *
 * <p>Every key of the planned attributes is compared with the prior attributes. An OBJECT field
 * is compared only on the sub-keys present in the planned value, so values a server defaulted are
 * not changes; MAP, LIST, ANY, RESOURCE and scalar fields are compared whole. Keys absent from
 * the planned value are ignored. An unknown value in a computed field is not a change by itself;
 * in any other field it is.
 *
 * @param changed changed paths in schema order, sub-fields of objects in dot notation
 * @param forcingReplacement the changed paths whose field is force-new
 */
public record AttributeDiff(List<String> changed, List<String> forcingReplacement) {

  public AttributeDiff {
    changed = List.copyOf(changed);
    forcingReplacement = List.copyOf(forcingReplacement);
  }

  /** Returns whether anything changed. */
  public boolean hasChanges() {
    return !changed.isEmpty();
  }

  /** Returns whether a force-new field changed. */
  public boolean requiresReplace() {
    return !forcingReplacement.isEmpty();
  }

  /** Compares {@code planned} with {@code prior} under {@code schema}. */
  public static AttributeDiff compute(ResourceSchema schema, ObjectNode prior, ObjectNode planned) {
    List<String> changed = new ArrayList<>();
    List<String> forcing = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = planned.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      Optional<FieldSchema> field = schema.field(entry.getKey());
      compare(field, entry.getKey(), prior.get(entry.getKey()), entry.getValue(), false, changed,
          forcing);
    }
    return new AttributeDiff(changed, forcing);
  }

  private static void compare(
      Optional<FieldSchema> field,
      String path,
      JsonNode prior,
      JsonNode planned,
      boolean parentForcesNew,
      List<String> changed,
      List<String> forcing) {
    boolean forceNew = parentForcesNew || field.map(FieldSchema::forceNew).orElse(false);
    boolean computed = field.map(FieldSchema::computed).orElse(false);
    if (Values.isUnknown(planned)) {
      if (!computed) {
        record(path, forceNew, changed, forcing);
      }
      return;
    }
    boolean isObject = field.map(f -> f.type() == FieldType.OBJECT).orElse(false);
    if (isObject && planned.isObject() && !planned.isEmpty()) {
      JsonNode priorObject = prior != null && prior.isObject() ? prior : null;
      Iterator<Map.Entry<String, JsonNode>> subFields = planned.fields();
      while (subFields.hasNext()) {
        Map.Entry<String, JsonNode> sub = subFields.next();
        JsonNode priorSub = priorObject == null ? null : priorObject.get(sub.getKey());
        compare(field.get().field(sub.getKey()), path + "." + sub.getKey(), priorSub,
            sub.getValue(), forceNew, changed, forcing);
      }
      return;
    }
    if (computed && Values.containsUnknown(planned)) {
      return;
    }
    if (!JsonValues.same(prior, planned)) {
      record(path, forceNew, changed, forcing);
    }
  }

  private static void record(
      String path, boolean forceNew, List<String> changed, List<String> forcing) {
    changed.add(path);
    if (forceNew) {
      forcing.add(path);
    }
  }
}
