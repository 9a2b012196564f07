package dev.provisioner.plan;

import dev.provisioner.config.Expr;
import dev.provisioner.config.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds properties whose value is secret: it comes from a sensitive attribute of another
 * resource, or from a sensitive variable or module input, so that copying a secret into an
 * ordinary field does not reveal it in a plan.
 */
final class SensitiveReferences {

  // Attribute paths are written in dot notation, so a key that holds a dot or a bracket cannot
  // be named on its own; the secret then marks the whole object that holds it.
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private SensitiveReferences() {}

  /**
   * Returns the paths of {@code properties} whose values are secret; {@code sensitiveByAddress}
   * supplies each resource's sensitive paths. A sensitive literal inside nested objects marks
   * its own path, for example {@code env.API_KEY}; anything else marks the top-level property.
   * Whole-resource references are not counted: plans record them as {@code {address, id}}.
   */
  static List<String> paths(
      Expr.ObjectExpr properties, Map<String, List<String>> sensitiveByAddress) {
    List<String> result = new ArrayList<>();
    properties.fields().forEach((name, value) -> {
      if (referencesSensitive(value, sensitiveByAddress)) {
        result.add(name);
      } else {
        collectLiterals(value, name, result);
      }
    });
    return result;
  }

  private static void collectLiterals(Expr expr, String path, List<String> into) {
    if (expr instanceof Expr.ObjectExpr object
        && object.fields().keySet().stream().allMatch(k -> PLAIN_KEY.matcher(k).matches())) {
      object.fields().forEach((key, value) -> collectLiterals(value, path + "." + key, into));
    } else if (Expressions.holdsSensitiveValue(expr)) {
      into.add(path);
    }
  }

  private static List<Expr> children(Expr expr) {
    List<Expr> children = new ArrayList<>();
    if (expr instanceof Expr.Template template) {
      children.addAll(template.parts());
    } else if (expr instanceof Expr.ListExpr list) {
      children.addAll(list.items());
    } else if (expr instanceof Expr.ObjectExpr object) {
      children.addAll(object.fields().values());
    }
    return children;
  }

  private static boolean referencesSensitive(Expr expr, Map<String, List<String>> sensitive) {
    if (expr instanceof Expr.Reference reference) {
      if (reference.path().isEmpty()) {
        return false;
      }
      List<String> paths = sensitive.getOrDefault(reference.target().toString(), List.of());
      String path = pathOf(reference);
      // A reference to an object that holds a secret, such as env when env.API_KEY is
      // sensitive, copies the secret too.
      return ResourceValues.isSensitive(path, paths) || paths.stream()
          .anyMatch(p -> p.startsWith(path + ".") || p.startsWith(path + "["));
    }
    for (Expr child : children(expr)) {
      if (referencesSensitive(child, sensitive)) {
        return true;
      }
    }
    return false;
  }

  private static String pathOf(Expr.Reference reference) {
    StringBuilder path = new StringBuilder();
    for (Expr.PathStep step : reference.path()) {
      if (step instanceof Expr.PathStep.Field field) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(field.name());
      } else {
        path.append('[').append(((Expr.PathStep.Index) step).index()).append(']');
      }
    }
    return path.toString();
  }
}
