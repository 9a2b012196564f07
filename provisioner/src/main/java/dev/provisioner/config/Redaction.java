package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masking of sensitive variable values in messages that providers write, because such a message
 * may quote a property's value ("'x' is not a valid value").
 */
public final class Redaction {

  private static final String MASK = "(sensitive value)";

  private Redaction() {}

  /** Returns the text of every value inside {@code expr} taken from a sensitive variable. */
  public static Set<String> secretsOf(Expr expr) {
    Set<String> into = new TreeSet<>();
    collect(expr, into);
    return into;
  }

  private static void collect(Expr expr, Set<String> into) {
    if (expr instanceof Expr.Literal literal) {
      if (literal.sensitive()) {
        addTexts(literal.value(), into);
      }
    } else if (expr instanceof Expr.Template template) {
      template.parts().forEach(part -> collect(part, into));
    } else if (expr instanceof Expr.ListExpr list) {
      list.items().forEach(item -> collect(item, into));
    } else if (expr instanceof Expr.ObjectExpr object) {
      object.fields().values().forEach(value -> collect(value, into));
    }
  }

  private static void addTexts(JsonNode value, Set<String> into) {
    if (value.isContainerNode()) {
      value.forEach(item -> addTexts(item, into));
    } else if (!value.isNull() && !value.asText().isEmpty()) {
      into.add(value.asText());
    }
  }

  /** Returns {@code message} with each of {@code secrets} replaced by "(sensitive value)". */
  public static String redact(String message, Collection<String> secrets) {
    String result = message;
    // Longest first, so that a secret containing a shorter one is replaced whole.
    for (String secret : secrets.stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
