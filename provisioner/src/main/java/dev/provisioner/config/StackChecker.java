package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.graph.CycleException;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks a flattened stack: each reference names a resource that exists and an attribute its
 * type has, each resource's properties fit its schema and pass its type's own
 * {@link ResourceType#validate}, and the dependency graph has no cycle.
 */
final class StackChecker {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ProviderRegistry registry;
  private final List<ConfigException.Diagnostic> diagnostics = new ArrayList<>();

  StackChecker(ProviderRegistry registry) {
    this.registry = registry;
  }

  /**
   * Checks {@code resources} and {@code outputs}.
   *
   * @throws ConfigException with every problem found
   */
  void check(List<ResourceConfig> resources, List<OutputConfig> outputs) {
    Map<ResourceAddress, ResourceConfig> byAddress = new LinkedHashMap<>();
    resources.forEach(resource -> byAddress.put(resource.address(), resource));

    for (ResourceConfig resource : resources) {
      int before = diagnostics.size();
      forEachReference(resource.properties(),
          reference -> checkReference(reference, resource, null, byAddress));
      ResourceSchema schema = schemaOf(resource.type());
      new PropertyChecker(resource.address().toString(), diagnostics)
          .checkProperties(resource.properties(), schema.fields(), resource.position());
      checkIgnoreChanges(resource, schema);
      if (diagnostics.size() == before) {
        validate(resource);
      }
    }
    for (OutputConfig output : outputs) {
      forEachReference(output.value(),
          reference -> checkReference(reference, null, output.name(), byAddress));
    }
    if (diagnostics.isEmpty()) {
      checkCycles(resources, byAddress);
    }
    if (!diagnostics.isEmpty()) {
      throw new ConfigException(diagnostics);
    }
  }

  // Only the first step of each path is checked: below it, maps and free-form values may hold
  // any key.
  private void checkIgnoreChanges(ResourceConfig resource, ResourceSchema schema) {
    List<String> names = schema.fields().stream().map(FieldSchema::name).toList();
    for (String path : resource.lifecycle().ignoreChanges()) {
      String first = path.split("[.\\[]", 2)[0];
      if (!names.contains(first)) {
        error(resource.position(), "lifecycle.ignoreChanges of resource '" + resource.address()
            + "' names unknown field '" + first + "'",
            Suggestions.fix(first, names, "field"));
      }
    }
  }

  private ResourceSchema schemaOf(String type) {
    return registry.type(type).orElseThrow().schema();
  }

  private static void forEachReference(Expr expr, Consumer<Expr.Reference> action) {
    if (expr instanceof Expr.Reference reference) {
      action.accept(reference);
    } else if (expr instanceof Expr.Template template) {
      template.parts().forEach(part -> forEachReference(part, action));
    } else if (expr instanceof Expr.ListExpr list) {
      list.items().forEach(item -> forEachReference(item, action));
    } else if (expr instanceof Expr.ObjectExpr object) {
      object.fields().values().forEach(value -> forEachReference(value, action));
    }
  }

  // A reference sits either in a resource ({@code from}) or in an output ({@code output}).
  private void checkReference(Expr.Reference reference, ResourceConfig from, String output,
      Map<ResourceAddress, ResourceConfig> byAddress) {
    ResourceAddress target = reference.target();
    String where = from != null
        ? " in resource '" + from.address() + "'" : " in output '" + output + "'";
    ResourceConfig referenced = byAddress.get(target);
    if (referenced == null) {
      List<String> siblings = byAddress.keySet().stream()
          .filter(a -> a.modulePath().equals(target.modulePath()))
          .map(ResourceAddress::name)
          .toList();
      String fix = Suggestions.closest(target.name(), siblings)
          .map(s -> "did you mean '" + s + "'?")
          .orElse("declare a resource named '" + target.name() + "' or correct the name");
      error(reference.position(), "reference to undefined resource '" + target + "'" + where,
          fix);
      return;
    }
    if (from != null && from.address().equals(target)) {
      error(reference.position(), "resource '" + target + "' references itself",
          "a resource cannot use its own attributes; remove the reference");
      return;
    }
    checkAttributePath(reference, referenced);
  }

  private void checkAttributePath(Expr.Reference reference, ResourceConfig referenced) {
    List<Expr.PathStep> steps = reference.path();
    if (steps.isEmpty()) {
      return;
    }
    ResourceSchema schema = schemaOf(referenced.type());
    String label = "'" + referenced.address() + "' (" + referenced.type() + ")";
    if (!(steps.get(0) instanceof Expr.PathStep.Field first)) {
      error(reference.position(), "resource " + label + " is not a list",
          "name an attribute, e.g. ${" + referenced.address().name() + ".id}");
      return;
    }
    Optional<FieldSchema> field = schema.field(first.name());
    if (field.isEmpty()) {
      error(reference.position(),
          "resource " + label + " has no attribute '" + first.name() + "'",
          Suggestions.fix(first.name(),
              schema.fields().stream().map(FieldSchema::name).toList(), "attribute"));
      return;
    }
    FieldSchema current = field.get();
    String walked = first.name();
    for (Expr.PathStep step : steps.subList(1, steps.size())) {
      Optional<FieldSchema> next = step(current, step);
      if (next == null) {
        error(reference.position(), "attribute '" + walked + "' of resource " + label + " is "
            + PropertyChecker.describe(current.type()) + " and has no '"
            + Interpolation.render(List.of(step)) + "'",
            current.type() == FieldType.OBJECT
                ? Suggestions.fix(fieldName(step),
                    current.fields().stream().map(FieldSchema::name).toList(), "attribute")
                : "remove '" + Interpolation.render(List.of(step)) + "' from the reference");
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      current = next.get();
      walked = walked + (step instanceof Expr.PathStep.Field f ? "." + f.name()
          : "[" + ((Expr.PathStep.Index) step).index() + "]");
    }
  }

  private static String fieldName(Expr.PathStep step) {
    return step instanceof Expr.PathStep.Field field ? field.name() : "";
  }

  // Returns the schema below one step, empty when the schema does not describe it further (any
  // value, a whole resource, a container without an element schema), or null when the step
  // cannot exist.
  private static Optional<FieldSchema> step(FieldSchema current, Expr.PathStep step) {
    switch (current.type()) {
      case OBJECT:
        if (current.fields().isEmpty()) {
          return Optional.empty();
        }
        if (!(step instanceof Expr.PathStep.Field field)) {
          return null;
        }
        return current.field(field.name()).isPresent() ? current.field(field.name()) : null;
      case MAP:
        if (!(step instanceof Expr.PathStep.Field)) {
          return null;
        }
        return Optional.ofNullable(current.element());
      case LIST:
        if (!(step instanceof Expr.PathStep.Index)) {
          return null;
        }
        return Optional.ofNullable(current.element());
      case ANY:
      case RESOURCE:
        return Optional.empty();
      default:
        return null;
    }
  }

  private void validate(ResourceConfig resource) {
    ResourceType type = registry.type(resource.type()).orElseThrow();
    ObjectNode properties = (ObjectNode) partialValue(resource.properties());
    Set<String> secrets = Redaction.secretsOf(resource.properties());
    type.validate(properties, (path, message) -> error(positionOf(resource, path),
        "invalid property '" + path + "' in resource '" + resource.address() + "': "
            + Redaction.redact(message, secrets),
        ""));
  }

  // The properties as a provider's validate() receives them: references are unknown, because no
  // resource has been read or created yet.
  private static JsonNode partialValue(Expr expr) {
    if (expr instanceof Expr.Literal literal) {
      return literal.value().deepCopy();
    }
    if (expr instanceof Expr.ListExpr list) {
      ArrayNode array = JSON.arrayNode();
      list.items().forEach(item -> array.add(partialValue(item)));
      return array;
    }
    if (expr instanceof Expr.ObjectExpr object) {
      ObjectNode result = JSON.objectNode();
      object.fields().forEach((key, value) -> result.set(key, partialValue(value)));
      return result;
    }
    return Values.unknown();
  }

  /** Returns where the property at {@code path} ({@code a.b[0].c}) was written. */
  static SourcePosition positionOf(ResourceConfig resource, String path) {
    Expr current = resource.properties();
    SourcePosition found = resource.position();
    for (String part : path.replace("[", ".[").split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      Expr next = null;
      if (part.startsWith("[") && current instanceof Expr.ListExpr list) {
        try {
          int index = Integer.parseInt(part.substring(1, part.length() - 1));
          next = index < list.items().size() ? list.items().get(index) : null;
        } catch (NumberFormatException e) {
          next = null;
        }
      } else if (current instanceof Expr.ObjectExpr object) {
        next = object.fields().get(part);
      }
      if (next == null) {
        return current == resource.properties() ? found : current.position();
      }
      current = next;
      found = next.position();
    }
    return found;
  }

  private void checkCycles(List<ResourceConfig> resources,
      Map<ResourceAddress, ResourceConfig> byAddress) {
    try {
      StackGraph.build(resources).topologicalOrder();
    } catch (CycleException e) {
      ResourceAddress first = ResourceAddress.parse(e.cycle().get(0));
      List<String> loop = new ArrayList<>(e.cycle());
      loop.add(e.cycle().get(0));
      error(byAddress.get(first).position(),
          "dependency cycle: " + String.join(" -> ", loop),
          "remove one of these references or dependsOn entries");
    }
  }

  private void error(SourcePosition position, String problem, String fix) {
    diagnostics.add(new ConfigException.Diagnostic(position, problem, fix));
  }
}
