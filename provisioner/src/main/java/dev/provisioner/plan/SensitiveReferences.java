package dev.provisioner.plan;

import dev.provisioner.config.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds properties whose value comes from a sensitive attribute of another resource, so that
 * copying a secret into an ordinary field does not reveal it in a plan.
 */
final class SensitiveReferences {

  private SensitiveReferences() {}

  /**
   * Returns the top-level property names of {@code properties} that reference a sensitive path
   * of another resource; {@code sensitiveByAddress} supplies each resource's sensitive paths.
   * Whole-resource references are not counted: plans record them as {@code {address, id}}.
   */
  static List<String> paths(
      Expr.ObjectExpr properties, Map<String, List<String>> sensitiveByAddress) {
    List<String> result = new ArrayList<>();
    properties.fields().forEach((name, value) -> {
      if (referencesSensitive(value, sensitiveByAddress)) {
        result.add(name);
      }
    });
    return result;
  }

  private static boolean referencesSensitive(Expr expr, Map<String, List<String>> sensitive) {
    if (expr instanceof Expr.Reference reference) {
      if (reference.path().isEmpty()) {
        return false;
      }
      List<String> paths = sensitive.getOrDefault(reference.target().toString(), List.of());
      return ResourceValues.isSensitive(pathOf(reference), paths);
    }
    List<Expr> children = new ArrayList<>();
    if (expr instanceof Expr.Template template) {
      children.addAll(template.parts());
    } else if (expr instanceof Expr.ListExpr list) {
      children.addAll(list.items());
    } else if (expr instanceof Expr.ObjectExpr object) {
      children.addAll(object.fields().values());
    }
    for (Expr child : children) {
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
