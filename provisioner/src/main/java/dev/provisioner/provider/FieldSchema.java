package dev.provisioner.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a resource schema.
 *
 * @param name the property name in stack YAML
 * @param type its type
 * @param required whether a stack must set it
 * @param defaultValue value used when a stack does not set it, or {@code null} for none
 * @param forceNew whether changing it replaces the resource instead of updating it in place
 * @param computed whether it is an output attribute that only the provider sets (a stack may not
 *     set it); shown as "(known after apply)" until the resource is created
 * @param sensitive whether its value is secret: printed as "(sensitive value)", kept in state
 * @param doc one-line description for the reference docs and the JSON Schema
 * @param apiField the field of the remote API it maps to, for example
 *     {@code properties.dnsPrefix}, or empty
 * @param allowedValues the only values allowed, or empty for any
 * @param element schema of list items and map values, or {@code null}
 * @param fields sub-fields of an object, empty for other types
 */
public record FieldSchema(
    String name,
    FieldType type,
    boolean required,
    JsonNode defaultValue,
    boolean forceNew,
    boolean computed,
    boolean sensitive,
    String doc,
    String apiField,
    List<String> allowedValues,
    FieldSchema element,
    List<FieldSchema> fields) {

  public FieldSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    apiField = apiField == null ? "" : apiField;
    allowedValues = List.copyOf(allowedValues);
    fields = List.copyOf(fields);
    if (required && computed) {
      throw new IllegalArgumentException(name + ": a field cannot be both required and computed");
    }
  }

  /** Starts a builder for a field of {@code type}. */
  public static Builder builder(String name, FieldType type) {
    return new Builder(name, type);
  }

  /** Returns the sub-field {@code name} of an object field. */
  public Optional<FieldSchema> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Returns the default value, if the field has one. */
  public Optional<JsonNode> defaultIfAny() {
    return Optional.ofNullable(defaultValue);
  }

  /** Builds a {@link FieldSchema} step by step. */
  public static final class Builder {
    private final String name;
    private final FieldType type;
    private boolean required;
    private JsonNode defaultValue;
    private boolean forceNew;
    private boolean computed;
    private boolean sensitive;
    private String doc = "";
    private String apiField = "";
    private List<String> allowedValues = List.of();
    private FieldSchema element;
    private List<FieldSchema> fields = List.of();

    private Builder(String name, FieldType type) {
      this.name = name;
      this.type = type;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder defaultValue(JsonNode value) {
      this.defaultValue = value;
      return this;
    }

    public Builder forceNew() {
      this.forceNew = true;
      return this;
    }

    public Builder computed() {
      this.computed = true;
      return this;
    }

    public Builder sensitive() {
      this.sensitive = true;
      return this;
    }

    public Builder doc(String doc) {
      this.doc = doc;
      return this;
    }

    public Builder apiField(String apiField) {
      this.apiField = apiField;
      return this;
    }

    public Builder allowedValues(String... values) {
      this.allowedValues = List.of(values);
      return this;
    }

    public Builder element(FieldSchema element) {
      this.element = element;
      return this;
    }

    public Builder fields(FieldSchema... fields) {
      this.fields = List.of(fields);
      return this;
    }

    public FieldSchema build() {
      return new FieldSchema(
          name,
          type,
          required,
          defaultValue,
          forceNew,
          computed,
          sensitive,
          doc,
          apiField,
          allowedValues,
          element,
          fields);
    }
  }
}
