package dev.provisioner.provider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema of one resource type: its name, a one-line description and its fields, inputs and
 * computed attributes alike.
 *
 * @param type the type name used in stacks, for example {@code azure.aksCluster}
 * @param doc one-line description
 * @param fields top-level fields
 */
public record ResourceSchema(String type, String doc, List<FieldSchema> fields) {

  public ResourceSchema {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    fields = List.copyOf(fields);
  }

  /** Returns the top-level field {@code name}. */
  public Optional<FieldSchema> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
