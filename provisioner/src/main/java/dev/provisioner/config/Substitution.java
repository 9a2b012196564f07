package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Converts the YAML values of one file into {@link Expr}s: {@code ${var.x}}, {@code ${env.X}}
 * and {@code ${module.m.out}} are substituted, and references to resources are kept as
 * {@link Expr.Reference}s addressed within the file's module.
 */
final class Substitution {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final List<String> modulePath;
  private final Map<String, Expr> variables;
  private final String variableNoun;
  private final Map<String, String> environment;
  private final BiFunction<String, SourcePosition, Map<String, Expr>> modules;

  /**
   * @param modulePath the module the file is read as, empty for the stack file
   * @param variables values of {@code var.*}: stack variables or module inputs
   * @param variableNoun "variable" or "input", for messages
   * @param environment values of {@code env.*}
   * @param modules returns the outputs of a module of this file by name, reading it on first
   *     use; the position is where the module is referenced
   */
  Substitution(List<String> modulePath, Map<String, Expr> variables, String variableNoun,
      Map<String, String> environment,
      BiFunction<String, SourcePosition, Map<String, Expr>> modules) {
    this.modulePath = List.copyOf(modulePath);
    this.variables = variables;
    this.variableNoun = variableNoun;
    this.environment = environment;
    this.modules = modules;
  }


  /** Converts a YAML value, substituting variables, environment values and module outputs. */
  Expr convert(YamlNode node) {
    if (node instanceof YamlNode.Mapping mapping) {
      Map<String, Expr> fields = new LinkedHashMap<>();
      mapping.entries().forEach((key, value) -> fields.put(key, convert(value)));
      return new Expr.ObjectExpr(fields, mapping.keyPositions(), mapping.position());
    }
    if (node instanceof YamlNode.Sequence sequence) {
      return new Expr.ListExpr(sequence.items().stream().map(this::convert).toList(),
          sequence.position());
    }
    YamlNode.Scalar scalar = (YamlNode.Scalar) node;
    if (scalar.value().isTextual() && Interpolation.hasExpressions(scalar.value().asText())) {
      return interpolate(scalar.value().asText(), scalar.position());
    }
    return new Expr.Literal(scalar.value(), scalar.position());
  }

  private Expr interpolate(String text, SourcePosition position) {
    List<Interpolation.Segment> segments;
    try {
      segments = Interpolation.split(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(position, "invalid expression: " + e.getMessage(),
          "close it with '}', or write '$${' for a literal '${'");
    }
    if (segments.size() == 1 && segments.get(0) instanceof Interpolation.Expression only) {
      return resolve(only.text(), position);
    }

    List<Expr> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    // Text joined with a sensitive value is as secret as the value itself.
    boolean sensitive = false;
    for (Interpolation.Segment segment : segments) {
      if (segment instanceof Interpolation.Text piece) {
        literal.append(piece.text());
        continue;
      }
      String expression = ((Interpolation.Expression) segment).text();
      for (Expr part : templateParts(resolve(expression, position), expression, position)) {
        if (part instanceof Expr.Literal value) {
          literal.append(value.value().asText());
          sensitive |= value.sensitive();
        } else {
          if (literal.length() > 0) {
            parts.add(new Expr.Literal(JSON.textNode(literal.toString()), position, sensitive));
            literal.setLength(0);
            sensitive = false;
          }
          parts.add(part);
        }
      }
    }
    if (parts.isEmpty()) {
      return new Expr.Literal(JSON.textNode(literal.toString()), position, sensitive);
    }
    if (literal.length() > 0) {
      parts.add(new Expr.Literal(JSON.textNode(literal.toString()), position, sensitive));
    }
    return new Expr.Template(parts, position);
  }

  private List<Expr> templateParts(Expr value, String expression, SourcePosition position) {
    if (value instanceof Expr.Template template) {
      return template.parts();
    }
    if (value instanceof Expr.Reference) {
      return List.of(value);
    }
    if (value instanceof Expr.Literal literal && literal.value().isValueNode()) {
      JsonNode text = literal.value().isNull() ? JSON.textNode("")
          : JSON.textNode(literal.value().asText());
      return List.of(new Expr.Literal(text, position, literal.sensitive()));
    }
    throw new ConfigException(position,
        "'${" + expression + "}' is a list or mapping and cannot be inserted into a string",
        "use it as the whole value, without text around it");
  }

  /** Resolves one {@code ${...}} expression written at {@code position}. */
  Expr resolve(String expression, SourcePosition position) {
    Interpolation.Path path;
    try {
      path = Interpolation.parsePath(expression);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(position, "invalid expression: " + e.getMessage(),
          "write ${NAME}, ${NAME.attribute}, ${var.NAME}, ${env.NAME} or "
              + "${module.NAME.OUTPUT}");
    }
    List<Expr.PathStep> steps = path.steps();
    switch (path.root()) {
      case "var":
        return variable(expression, steps, position);
      case "env":
        return environment(expression, steps, position);
      case "module":
        return moduleOutput(expression, steps, position);
      default:
        return new Expr.Reference(new ResourceAddress(modulePath, path.root()), steps, position);
    }
  }

  private Expr variable(String expression, List<Expr.PathStep> steps, SourcePosition position) {
    if (steps.isEmpty() || !(steps.get(0) instanceof Expr.PathStep.Field name)) {
      throw new ConfigException(position, "'${" + expression + "}' names no variable",
          "write ${var.NAME}");
    }
    // A sensitive variable's value is a literal flagged sensitive; navigate() keeps the flag on
    // the parts taken from it.
    Expr value = variables.get(name.name());
    if (value == null) {
      throw new ConfigException(position,
          "undefined " + variableNoun + " '" + name.name() + "'",
          Suggestions.fix(name.name(), variables.keySet(), variableNoun));
    }
    return navigate(value, steps.subList(1, steps.size()), expression, position);
  }

  private Expr environment(String expression, List<Expr.PathStep> steps,
      SourcePosition position) {
    if (steps.size() != 1 || !(steps.get(0) instanceof Expr.PathStep.Field name)) {
      throw new ConfigException(position, "'${" + expression + "}' is not an environment "
          + "reference", "write ${env.NAME}");
    }
    String value = environment.get(name.name());
    if (value == null) {
      throw new ConfigException(position,
          "environment variable " + name.name() + " is not set",
          "set it before running provisioner, or use a stack variable instead");
    }
    return new Expr.Literal(JSON.textNode(value), position);
  }

  private Expr moduleOutput(String expression, List<Expr.PathStep> steps,
      SourcePosition position) {
    if (steps.size() < 2 || !(steps.get(0) instanceof Expr.PathStep.Field module)
        || !(steps.get(1) instanceof Expr.PathStep.Field output)) {
      throw new ConfigException(position, "'${" + expression + "}' names no module output",
          "write ${module.NAME.OUTPUT}");
    }
    Map<String, Expr> outputs = modules.apply(module.name(), position);
    Expr value = outputs.get(output.name());
    if (value == null) {
      throw new ConfigException(position,
          "module '" + module.name() + "' has no output '" + output.name() + "'",
          Suggestions.fix(output.name(), outputs.keySet(), "output"));
    }
    return navigate(value, steps.subList(2, steps.size()), expression, position);
  }

  // Follows the remaining path steps into a substituted value; a reference keeps the steps for
  // the planner.
  private Expr navigate(Expr value, List<Expr.PathStep> steps, String expression,
      SourcePosition position) {
    if (value instanceof Expr.Reference reference) {
      List<Expr.PathStep> path = new ArrayList<>(reference.path());
      path.addAll(steps);
      return new Expr.Reference(reference.target(), path, reference.position());
    }
    if (steps.isEmpty()) {
      return value instanceof Expr.Literal literal
          ? new Expr.Literal(literal.value(), position, literal.sensitive()) : value;
    }
    Expr.PathStep step = steps.get(0);
    Expr next = null;
    if (value instanceof Expr.Literal literal) {
      JsonNode node = step instanceof Expr.PathStep.Field field
          ? literal.value().get(field.name())
          : literal.value().get(((Expr.PathStep.Index) step).index());
      next = node == null ? null
          : new Expr.Literal(node, literal.position(), literal.sensitive());
    } else if (value instanceof Expr.ObjectExpr object
        && step instanceof Expr.PathStep.Field field) {
      next = object.fields().get(field.name());
    } else if (value instanceof Expr.ListExpr list && step instanceof Expr.PathStep.Index index
        && index.index() < list.items().size()) {
      next = list.items().get(index.index());
    }
    if (next == null) {
      throw new ConfigException(position, "'${" + expression + "}' has no value at '"
          + Interpolation.render(steps) + "'", "check the keys and indexes in the path");
    }
    return navigate(next, steps.subList(1, steps.size()), expression, position);
  }
}
