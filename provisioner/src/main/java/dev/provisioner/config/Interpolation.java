package dev.provisioner.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into literal text and {@code ${...}} expressions, and parses an expression into
 * its path: {@code aks}, {@code net.subnets.nodes.id}, {@code var.x}, {@code env.X},
 * {@code module.m.out}, {@code outputs[0].name}. {@code $${} writes a literal {@code ${}.
 */
final class Interpolation {

  private Interpolation() {}

  /** A piece of a string: literal text or an expression. */
  sealed interface Segment {}

  /** Literal text. */
  record Text(String text) implements Segment {}

  /** An expression, with its text between the braces, trimmed. */
  record Expression(String text) implements Segment {}

  /** Returns whether {@code value} contains an expression or an escaped {@code $${}. */
  static boolean hasExpressions(String value) {
    return value.contains("${");
  }

  /**
   * Splits {@code value} into segments.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  static List<Segment> split(String value) {
    List<Segment> segments = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        text.append("${");
        i += 3;
        continue;
      }
      if (value.startsWith("${", i)) {
        int end = value.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("'${' at character " + (i + 1) + " is not closed");
        }
        if (text.length() > 0) {
          segments.add(new Text(text.toString()));
          text.setLength(0);
        }
        segments.add(new Expression(value.substring(i + 2, end).strip()));
        i = end + 1;
        continue;
      }
      text.append(value.charAt(i));
      i++;
    }
    if (text.length() > 0) {
      segments.add(new Text(text.toString()));
    }
    return segments;
  }

  /**
   * Parses an expression into a root name and path steps: {@code net.subnets[0].id} gives
   * {@code net} and {@code [subnets, 0, id]}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  static Path parsePath(String expression) {
    if (expression.isEmpty()) {
      throw new IllegalArgumentException("'${}' is empty");
    }
    int i = 0;
    int rootEnd = identifierEnd(expression, i);
    if (rootEnd == i) {
      throw invalid(expression);
    }
    String root = expression.substring(i, rootEnd);
    i = rootEnd;
    List<Expr.PathStep> steps = new ArrayList<>();
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (c == '.') {
        int end = identifierEnd(expression, i + 1);
        if (end == i + 1) {
          throw invalid(expression);
        }
        steps.add(new Expr.PathStep.Field(expression.substring(i + 1, end)));
        i = end;
      } else if (c == '[') {
        int close = expression.indexOf(']', i);
        if (close < 0) {
          throw invalid(expression);
        }
        String index = expression.substring(i + 1, close).strip();
        if (!index.matches("[0-9]{1,9}")) {
          throw new IllegalArgumentException(
              "'[" + index + "]' in '${" + expression + "}' is not a list index");
        }
        steps.add(new Expr.PathStep.Index(Integer.parseInt(index)));
        i = close + 1;
      } else {
        throw invalid(expression);
      }
    }
    return new Path(root, steps);
  }

  private static int identifierEnd(String text, int start) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      boolean valid = Character.isLetterOrDigit(c) || c == '_' || c == '-';
      if (!valid) {
        break;
      }
      i++;
    }
    return i;
  }

  private static IllegalArgumentException invalid(String expression) {
    return new IllegalArgumentException("'${" + expression + "}' is not a valid reference");
  }

  /** Returns a path as written: {@code subnets.nodes.id} or {@code items[0]}. */
  static String render(List<Expr.PathStep> steps) {
    StringBuilder text = new StringBuilder();
    for (Expr.PathStep step : steps) {
      if (step instanceof Expr.PathStep.Field field) {
        if (text.length() > 0) {
          text.append('.');
        }
        text.append(field.name());
      } else {
        text.append('[').append(((Expr.PathStep.Index) step).index()).append(']');
      }
    }
    return text.toString();
  }

  /**
   * A parsed expression.
   *
   * @param root the first name: a resource, or {@code var}, {@code env}, {@code module}
   * @param steps the steps after it
   */
  record Path(String root, List<Expr.PathStep> steps) {
    Path {
      steps = List.copyOf(steps);
    }
  }
}
