package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a resource's properties against its type's fields: unknown fields, computed fields set
 * by hand, wrong types, missing required fields and values outside the allowed ones.
 * References are checked for their shape only, because their values are known at plan time.
 */
final class PropertyChecker {

  private final String resource;
  private final List<ConfigException.Diagnostic> diagnostics;

  /**
   * @param resource the resource's address, for messages
   * @param diagnostics receives every problem found
   */
  PropertyChecker(String resource, List<ConfigException.Diagnostic> diagnostics) {
    this.resource = resource;
    this.diagnostics = diagnostics;
  }

  /** Checks the top-level properties against {@code fields}. */
  void checkProperties(Expr.ObjectExpr properties, List<FieldSchema> fields,
      SourcePosition missingAt) {
    checkObject(properties, fields, "", missingAt);
  }

  private void checkObject(Expr.ObjectExpr object, List<FieldSchema> fields, String prefix,
      SourcePosition missingAt) {
    Map<String, FieldSchema> byName = new LinkedHashMap<>();
    fields.forEach(field -> byName.put(field.name(), field));
    List<String> settable = fields.stream().filter(f -> !f.computed()).map(FieldSchema::name)
        .toList();

    for (Map.Entry<String, Expr> entry : object.fields().entrySet()) {
      String path = prefix + entry.getKey();
      FieldSchema field = byName.get(entry.getKey());
      Expr value = entry.getValue();
      if (field == null) {
        error(object.keyPosition(entry.getKey()),
            "unknown field '" + path + "' in resource '" + resource + "'",
            Suggestions.fix(entry.getKey(), settable, "field"));
      } else if (field.computed()) {
        error(object.keyPosition(entry.getKey()), "field '" + path + "' of resource '" + resource
            + "' is computed by the provider and cannot be set",
            "remove it; other resources can read it as ${" + resource + "." + path + "}");
      } else {
        checkValue(value, field, path);
      }
    }
    for (FieldSchema field : fields) {
      Expr value = object.fields().get(field.name());
      boolean absent = value == null
          || (value instanceof Expr.Literal literal && literal.value().isNull());
      if (field.required() && absent) {
        String doc = field.doc().isEmpty() ? "" : " (" + field.doc() + ")";
        error(missingAt, "missing required field '" + prefix + field.name()
            + "' in resource '" + resource + "'",
            "add '" + field.name() + ":'" + doc);
      }
    }
  }

  private void checkValue(Expr value, FieldSchema field, String path) {
    FieldType type = field.type();
    if (type == FieldType.ANY) {
      return;
    }
    if (value instanceof Expr.Reference reference) {
      checkReference(reference, field, path);
    } else if (value instanceof Expr.Template template) {
      if (type != FieldType.STRING) {
        wrongType(template.position(), field, path, "text with ${...} inside",
            "write the reference alone, without text around it");
      }
    } else if (value instanceof Expr.Literal literal) {
      checkLiteral(literal, field, path);
    } else if (value instanceof Expr.ObjectExpr object) {
      if (type == FieldType.OBJECT || type == FieldType.RESOURCE) {
        checkObject(object, field.fields(), path + ".", object.position());
      } else if (type == FieldType.MAP) {
        object.fields().forEach((key, item) -> checkElement(item, field, path + "." + key));
      } else {
        wrongType(object.position(), field, path, "a mapping", fixFor(field));
      }
    } else {
      Expr.ListExpr list = (Expr.ListExpr) value;
      if (type == FieldType.LIST) {
        for (int i = 0; i < list.items().size(); i++) {
          checkElement(list.items().get(i), field, path + "[" + i + "]");
        }
      } else {
        wrongType(list.position(), field, path, "a list", fixFor(field));
      }
    }
  }

  private void checkElement(Expr item, FieldSchema container, String path) {
    if (container.element() != null) {
      checkValue(item, container.element(), path);
    }
  }

  private void checkReference(Expr.Reference reference, FieldSchema field, String path) {
    boolean whole = reference.path().isEmpty();
    if (field.type() == FieldType.RESOURCE && !whole) {
      wrongType(reference.position(), field, path, "an attribute reference",
          "name the resource alone, as ${" + reference.target().name() + "}");
    } else if (field.type() != FieldType.RESOURCE && whole) {
      wrongType(reference.position(), field, path,
          "the whole resource ${" + reference.target().name() + "}",
          "name one of its attributes, e.g. ${" + reference.target().name() + ".id}");
    }
  }

  private void checkLiteral(Expr.Literal literal, FieldSchema field, String path) {
    JsonNode value = literal.value();
    SourcePosition position = literal.position();
    // A value from a sensitive variable must not appear in the message.
    String shown = literal.sensitive() ? "(sensitive value)" : "'" + value.asText() + "'";
    if (value.isNull()) {
      return;
    }
    switch (field.type()) {
      case STRING:
        if (!value.isTextual()) {
          String fix = value.isValueNode() && !literal.sensitive()
              ? "quote the value: \"" + value.asText() + "\""
              : fixFor(field);
          wrongType(position, field, path, Variables.describe(value), fix);
          return;
        }
        break;
      case INT:
        if (!value.isIntegralNumber()) {
          wrongType(position, field, path, Variables.describe(value), fixFor(field));
          return;
        }
        break;
      case BOOL:
        if (!value.isBoolean()) {
          wrongType(position, field, path, Variables.describe(value), fixFor(field));
          return;
        }
        break;
      case LIST:
        if (!value.isArray()) {
          wrongType(position, field, path, Variables.describe(value), fixFor(field));
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          checkElement(new Expr.Literal(value.get(i), position, literal.sensitive()), field,
              path + "[" + i + "]");
        }
        return;
      case MAP:
      case OBJECT:
      case RESOURCE:
        if (!value.isObject()) {
          wrongType(position, field, path, Variables.describe(value), fixFor(field));
          return;
        }
        checkValue(asObjectExpr(literal), field, path);
        return;
      default:
        return;
    }
    if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(value.asText())) {
      error(position, "invalid value " + shown + " for field '" + path
          + "' in resource '" + resource + "'",
          Suggestions.closest(value.asText(), field.allowedValues())
              .filter(s -> !literal.sensitive())
              .map(s -> "did you mean '" + s + "'?")
              .orElse("allowed values are: " + String.join(", ", field.allowedValues())));
    }
  }

  private static Expr.ObjectExpr asObjectExpr(Expr.Literal literal) {
    Map<String, Expr> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = literal.value().fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      fields.put(entry.getKey(),
          new Expr.Literal(entry.getValue(), literal.position(), literal.sensitive()));
    }
    return new Expr.ObjectExpr(fields, literal.position());
  }

  private void wrongType(SourcePosition position, FieldSchema field, String path, String got,
      String fix) {
    error(position, "field '" + path + "' in resource '" + resource + "' expects "
        + describe(field.type()) + ", but got " + got, fix);
  }

  private static String fixFor(FieldSchema field) {
    switch (field.type()) {
      case INT:
        return "write a whole number without quotes";
      case BOOL:
        return "write true or false without quotes";
      case LIST:
        return "write a list: [a, b] or one '- item' per line";
      case MAP:
      case OBJECT:
        return "write 'key: value' pairs under it";
      case RESOURCE:
        return "write a whole-resource reference such as ${aks}";
      default:
        return "write a string";
    }
  }

  /** Returns how messages name a field type: "a string", "an int", .... */
  static String describe(FieldType type) {
    switch (type) {
      case STRING:
        return "a string";
      case INT:
        return "an int";
      case BOOL:
        return "a bool";
      case LIST:
        return "a list";
      case MAP:
        return "a map";
      case OBJECT:
        return "an object";
      case RESOURCE:
        return "a whole-resource reference";
      default:
        return "any value";
    }
  }

  private void error(SourcePosition position, String problem, String fix) {
    diagnostics.add(new ConfigException.Diagnostic(position, problem, fix));
  }
}
