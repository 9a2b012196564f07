package dev.provisioner.testprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provisioner.config.Expr;
import dev.provisioner.config.Lifecycle;
import dev.provisioner.config.OutputConfig;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.SourcePosition;
import dev.provisioner.config.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link Stack}s in code for engine tests. Property values are JSON; a string that is
 * exactly {@code ${name}} or {@code ${name.attr.sub}} becomes a reference.
 */
public final class StackBuilder {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

  private final Path file;
  private final List<ResourceConfig> resources = new ArrayList<>();
  private final List<OutputConfig> outputs = new ArrayList<>();
  private String hash = "hash-1";

  public StackBuilder(Path folder) {
    this.file = folder.resolve("stack.yaml");
  }

  /** Adds a {@code folder.thing} with the given properties (JSON text). */
  public StackBuilder thing(String name, String propertiesJson) {
    return thing(name, propertiesJson, Lifecycle.NONE, List.of());
  }

  /** Adds a {@code folder.thing} with lifecycle rules and explicit dependencies. */
  public StackBuilder thing(
      String name, String propertiesJson, Lifecycle lifecycle, List<String> dependsOn) {
    Expr.ObjectExpr properties = (Expr.ObjectExpr) toExpr(parse(propertiesJson));
    resources.add(new ResourceConfig(ResourceAddress.parse(name), ThingType.TYPE, properties,
        dependsOn.stream().map(ResourceAddress::parse).toList(), lifecycle, position()));
    return this;
  }

  /** Adds an output whose value is JSON text that may be a reference. */
  public StackBuilder output(String name, String valueJson, boolean sensitive) {
    outputs.add(new OutputConfig(name, toExpr(parse(valueJson)), sensitive, ""));
    return this;
  }

  /** Sets the source hash, to simulate an edited stack file. */
  public StackBuilder hash(String hash) {
    this.hash = hash;
    return this;
  }

  public Stack build() {
    return new Stack("test", "", file, Optional.empty(), JsonNodeFactory.instance.objectNode(),
        resources, outputs, hash);
  }

  private SourcePosition position() {
    return new SourcePosition(file, resources.size() + 1, 3);
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Expr toExpr(JsonNode node) {
    SourcePosition position = new SourcePosition(file, 1, 1);
    if (node.isTextual()) {
      Matcher matcher = REFERENCE.matcher(node.asText());
      if (matcher.matches()) {
        String[] parts = matcher.group(1).split("\\.");
        List<Expr.PathStep> path = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
          path.add(new Expr.PathStep.Field(parts[i]));
        }
        return new Expr.Reference(ResourceAddress.of(parts[0]), path, position);
      }
    }
    if (node.isObject()) {
      Map<String, Expr> fields = new LinkedHashMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), toExpr(f.getValue())));
      return new Expr.ObjectExpr(fields, position);
    }
    if (node.isArray()) {
      List<Expr> items = new ArrayList<>();
      node.forEach(item -> items.add(toExpr(item)));
      return new Expr.ListExpr(items, position);
    }
    return new Expr.Literal(node, position);
  }
}
