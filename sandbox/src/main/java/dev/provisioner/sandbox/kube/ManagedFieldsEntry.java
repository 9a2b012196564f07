package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code metadata.managedFields}: the fields one manager owns through one kind of
 * operation ({@code Apply} or {@code Update}).
 */
record ManagedFieldsEntry(
    String manager,
    String operation,
    String apiVersion,
    String subresource,
    String time,
    FieldSet fields) {

  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  boolean isSameManager(String otherManager, String otherOperation, String otherSubresource) {
    return manager.equals(otherManager)
        && operation.equals(otherOperation)
        && subresource.equals(otherSubresource);
  }

  ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, subresource, time, newFields);
  }

  static List<ManagedFieldsEntry> read(JsonNode object) {
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (object == null) {
      return entries;
    }
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      entries.add(
          new ManagedFieldsEntry(
              entry.path("manager").asText(""),
              entry.path("operation").asText(UPDATE),
              entry.path("apiVersion").asText(""),
              entry.path("subresource").asText(""),
              entry.path("time").asText(""),
              FieldSet.fromFieldsV1(entry.path("fieldsV1"))));
    }
    return entries;
  }

  /**
   * Writes {@code entries} into {@code object}'s metadata, leaving out entries that own nothing.
   */
  static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
    ObjectNode metadata = Json.child(object, "metadata");
    ArrayNode array = metadata.putArray("managedFields");
    for (ManagedFieldsEntry entry : entries) {
      if (entry.fields().isEmpty()) {
        continue;
      }
      ObjectNode node = array.addObject();
      node.put("manager", entry.manager());
      node.put("operation", entry.operation());
      node.put("apiVersion", entry.apiVersion());
      node.put("time", entry.time());
      node.put("fieldsType", "FieldsV1");
      node.set("fieldsV1", entry.fields().toFieldsV1());
      if (!entry.subresource().isEmpty()) {
        node.put("subresource", entry.subresource());
      }
    }
    if (array.isEmpty()) {
      metadata.remove("managedFields");
    }
  }
}
