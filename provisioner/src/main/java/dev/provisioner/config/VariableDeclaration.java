package dev.provisioner.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A variable of a stack, or an input of a module, as declared.
 *
 * @param name its name, used as {@code ${var.name}}
 * @param kind its type
 * @param defaultValue the default, when it has one; a variable without one is required
 * @param description one-line description, may be empty
 * @param sensitive whether its value is secret and never printed
 * @param regex a regular expression the whole value must match, when given
 * @param allowedValues the only values allowed, empty for any
 * @param validationMessage the message shown when the value fails the regex or the allowed
 *     values, may be empty
 * @param position where the declaration was written
 */
record VariableDeclaration(
    String name,
    Kind kind,
    Optional<YamlNode> defaultValue,
    String description,
    boolean sensitive,
    Optional<Pattern> regex,
    List<String> allowedValues,
    String validationMessage,
    SourcePosition position) {

  VariableDeclaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    allowedValues = List.copyOf(allowedValues);
  }

  /** Returns whether a value must be given. */
  boolean isRequired() {
    return defaultValue.isEmpty();
  }

  /** The types of variables; module inputs may also take a whole resource or any value. */
  enum Kind {
    STRING("string"),
    INT("int"),
    BOOL("bool"),
    LIST("list"),
    MAP("map"),
    RESOURCE("resource"),
    ANY("any");

    private final String written;

    Kind(String written) {
      this.written = written;
    }

    /** Returns the name written in YAML. */
    String written() {
      return written;
    }
  }
}
