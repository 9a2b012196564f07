package dev.provisioner.provider.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import java.util.Map;

/** Builders for the fields that every ARM resource type shares. */
final class AzureFields {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AzureFields() {}

  /**
   * Returns the field for the resource name. The name is part of the ARM resource id, so changing
   * it creates a new resource.
   */
  static FieldSchema name(String doc) {
    return FieldSchema.builder("name", FieldType.STRING)
        .required()
        .forceNew()
        .doc(doc)
        .apiField("name")
        .build();
  }

  /** Returns the field for the resource group, which is part of the resource id. */
  static FieldSchema resourceGroup() {
    return FieldSchema.builder("resourceGroup", FieldType.STRING)
        .required()
        .forceNew()
        .doc("Name of the resource group that contains the resource.")
        .apiField("id (resourceGroups segment)")
        .build();
  }

  /**
   * Returns the field for the Azure region. Changing it creates a new resource because ARM does not
   * move resources between regions.
   */
  static FieldSchema location() {
    return FieldSchema.builder("location", FieldType.STRING)
        .required()
        .forceNew()
        .doc("Azure region, for example eastasia; changing it creates a new resource.")
        .apiField("location")
        .build();
  }

  /** Resource tags, updated in place. */
  static FieldSchema tags() {
    return FieldSchema.builder("tags", FieldType.MAP)
        .element(FieldSchema.builder("value", FieldType.STRING).doc("Tag value.").build())
        .doc("Resource tags; updated in place.")
        .apiField("tags")
        .build();
  }

  /**
   * Returns the {@code tags} attribute of a live resource. The Azure SDK model returns null tags
   * when ARM's response carries none, and the attribute is then an empty map.
   */
  static ObjectNode tagsAttribute(Map<String, String> liveTags) {
    return Props.stringObject(Props.orEmpty(liveTags));
  }

  /**
   * Writes the stack's spelling of the location into {@code attributes} when it names the same
   * region as ARM's: ARM returns {@code eastasia} for {@code East Asia}, and since location is
   * force-new, reporting the other spelling would plan a replace.
   */
  static ObjectNode keepLocationSpelling(ObjectNode attributes, ObjectNode reference) {
    String live = attributes.path("location").asText("");
    Props.text(reference, "location")
        .filter(written -> normalizedLocation(written).equals(normalizedLocation(live)))
        .ifPresent(written -> attributes.put("location", written));
    return attributes;
  }

  /** Returns ARM's form of a region name: lower case without spaces. */
  static String normalizedLocation(String location) {
    return location.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
  }

  /** Returns the computed field for the ARM resource id, known once the resource exists. */
  static FieldSchema id() {
    return FieldSchema.builder("id", FieldType.STRING)
        .computed()
        .doc("ARM resource id.")
        .apiField("id")
        .build();
  }
}
