package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Declares variables and module inputs, converts given values to their declared types and
 * resolves the stack's variables from their sources in precedence order: {@code --var}, then
 * {@code --var-file}, then {@code PROVISIONER_VAR_<name>}, then the default.
 */
final class Variables {

  /** Prefix of environment variables that set stack variables. */
  static final String ENVIRONMENT_PREFIX = "PROVISIONER_VAR_";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> DECLARATION_KEYS =
      List.of("type", "default", "description", "sensitive", "validation");
  private static final List<String> VALIDATION_KEYS = List.of("regex", "allowed", "message");

  private Variables() {}

  /**
   * Reads the declarations under {@code variables:} of a stack or {@code inputs:} of a module.
   *
   * @param noun "variable" or "input"
   */
  static Map<String, VariableDeclaration> declarations(YamlNode.Mapping block, String noun) {
    boolean inputs = noun.equals("input");
    Map<String, VariableDeclaration> result = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : block.entries().entrySet()) {
      String name = entry.getKey();
      SourcePosition position = block.keyPosition(name);
      if (!Names.isValid(name)) {
        throw new ConfigException(position, "invalid " + noun + " name '" + name + "'",
            Names.RULE);
      }
      YamlNode.Mapping declaration = YamlFields.mapping(entry.getValue(), noun + " '" + name + "'");
      YamlFields.checkKeys(declaration, DECLARATION_KEYS, "key", " in " + noun + " '" + name
          + "'");
      VariableDeclaration.Kind kind = kind(declaration, name, noun, inputs);
      String description =
          YamlFields.optionalString(declaration, "description", "description").orElse("");
      boolean sensitive =
          YamlFields.optionalBoolean(declaration, "sensitive", "'sensitive'", false);
      Optional<YamlNode> defaultValue =
          Optional.ofNullable(declaration.entries().get("default"));

      Optional<Pattern> regex = Optional.empty();
      List<String> allowed = List.of();
      String message = "";
      if (declaration.entries().containsKey("validation")) {
        YamlNode.Mapping validation = YamlFields.mapping(
            declaration.entries().get("validation"), "validation of " + noun + " '" + name + "'");
        YamlFields.checkKeys(validation, VALIDATION_KEYS, "key",
            " in the validation of " + noun + " '" + name + "'");
        regex = regex(validation);
        if (validation.entries().containsKey("allowed")) {
          allowed = allowedValues(validation.entries().get("allowed"));
        }
        message = YamlFields.optionalString(validation, "message", "validation message")
            .orElse("");
        if (regex.isEmpty() && allowed.isEmpty()) {
          throw new ConfigException(validation.position(),
              "validation of " + noun + " '" + name + "' has neither 'regex' nor 'allowed'",
              "add 'regex: PATTERN' or 'allowed: [a, b]'");
        }
      }

      VariableDeclaration declared = new VariableDeclaration(name, kind, defaultValue,
          description, sensitive, regex, allowed, message, position);
      if (defaultValue.isPresent() && !isNull(defaultValue.get())) {
        YamlNode node = defaultValue.get();
        try {
          check(declared, coerce(YamlFields.toJson(node), kind));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(node.position(),
              "invalid default of " + noun + " '" + name + "': " + e.getMessage(),
              Variables.fixFor(e, kind, "write"));
        }
      }
      result.put(name, declared);
    }
    return result;
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlNode.Scalar scalar && scalar.isNull();
  }

  private static VariableDeclaration.Kind kind(
      YamlNode.Mapping declaration, String name, String noun, boolean inputs) {
    Optional<String> written = YamlFields.optionalString(declaration, "type", "type");
    if (written.isEmpty()) {
      return VariableDeclaration.Kind.STRING;
    }
    List<String> names = new ArrayList<>();
    for (VariableDeclaration.Kind kind : VariableDeclaration.Kind.values()) {
      boolean offered = inputs
          || (kind != VariableDeclaration.Kind.RESOURCE && kind != VariableDeclaration.Kind.ANY);
      if (offered) {
        names.add(kind.written());
        if (kind.written().equals(written.get())) {
          return kind;
        }
      }
    }
    throw new ConfigException(declaration.keyPosition("type"),
        "unknown type '" + written.get() + "' of " + noun + " '" + name + "'",
        Suggestions.closest(written.get(), names)
            .map(s -> "did you mean '" + s + "'?")
            .orElse("valid types are: " + String.join(", ", names)));
  }

  private static Optional<Pattern> regex(YamlNode.Mapping validation) {
    Optional<String> text = YamlFields.optionalString(validation, "regex", "regex");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(text.get()));
    } catch (PatternSyntaxException e) {
      throw new ConfigException(validation.keyPosition("regex"),
          "invalid regular expression: " + e.getDescription(),
          "fix the pattern (Java regular expression syntax)");
    }
  }

  private static List<String> allowedValues(YamlNode node) {
    if (!(node instanceof YamlNode.Sequence sequence) || sequence.items().isEmpty()) {
      throw new ConfigException(node.position(), "'allowed' must be a non-empty list",
          "write allowed: [a, b]");
    }
    List<String> values = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
        throw new ConfigException(item.position(), "'allowed' must list plain values",
            "write strings, numbers or booleans");
      }
      values.add(scalar.value().asText());
    }
    return values;
  }

  /**
   * Converts {@code value} to {@code kind}: strings that spell an int or a bool are accepted for
   * those types, and numbers and booleans for strings.
   *
   * @throws IllegalArgumentException saying why the value does not fit
   */
  static JsonNode coerce(JsonNode value, VariableDeclaration.Kind kind) {
    switch (kind) {
      case STRING:
        if (value.isValueNode() && !value.isNull()) {
          return JSON.textNode(value.asText());
        }
        break;
      case INT:
        if (value.isIntegralNumber()) {
          return value;
        }
        if (value.isTextual() && value.asText().strip().matches("-?[0-9]+")) {
          return JSON.numberNode(new BigInteger(value.asText().strip()));
        }
        if (value.isTextual()) {
          throw new IllegalArgumentException("'" + value.asText() + "' is not a whole number");
        }
        break;
      case BOOL:
        if (value.isBoolean()) {
          return value;
        }
        if (value.isTextual() && value.asText().matches("true|false")) {
          return JSON.booleanNode(Boolean.parseBoolean(value.asText()));
        }
        if (value.isTextual()) {
          throw new IllegalArgumentException("'" + value.asText() + "' is not true or false");
        }
        break;
      case LIST:
        if (value.isArray()) {
          return value;
        }
        break;
      case MAP:
        if (value.isObject()) {
          return value;
        }
        break;
      case RESOURCE:
        throw new IllegalArgumentException(
            "expected a whole-resource reference such as ${aks}, got " + describe(value));
      case ANY:
        return value;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "expected " + article(kind) + ", got " + describe(value));
  }

  /**
   * Parses a value given as text on the command line or in the environment: lists and maps in
   * YAML flow syntax, {@code [a, b]} and {@code {k: v}}.
   *
   * @throws IllegalArgumentException saying why the text does not fit
   */
  static JsonNode parseText(String text, VariableDeclaration.Kind kind) {
    if (kind == VariableDeclaration.Kind.LIST || kind == VariableDeclaration.Kind.MAP
        || kind == VariableDeclaration.Kind.ANY) {
      JsonNode parsed;
      try {
        parsed = YAML.readTree(text);
      } catch (Exception e) {
        throw new IllegalArgumentException("'" + text + "' is not a " + kind.written()
            + " in YAML flow syntax such as " + example(kind));
      }
      if (parsed == null || parsed.isMissingNode()) {
        throw new IllegalArgumentException("the value is empty; write " + example(kind));
      }
      return coerce(parsed, kind);
    }
    return coerce(JSON.textNode(text), kind);
  }

  private static String example(VariableDeclaration.Kind kind) {
    return kind == VariableDeclaration.Kind.MAP ? "'{key: value}'" : "'[a, b]'";
  }

  /**
   * Checks {@code value} against the declaration's regex and allowed values.
   *
   * @throws InvalidValue with the declaration's message, and the rule as the fix
   */
  static void check(VariableDeclaration declaration, JsonNode value) {
    if (!value.isValueNode()) {
      return;
    }
    String text = value.asText();
    boolean matches = declaration.regex().map(p -> p.matcher(text).matches()).orElse(true);
    boolean allowed = declaration.allowedValues().isEmpty()
        || declaration.allowedValues().contains(text);
    if (matches && allowed) {
      return;
    }
    String shown = declaration.sensitive() ? "(sensitive value)" : "'" + text + "'";
    String rule = !allowed
        ? "allowed values are: " + String.join(", ", declaration.allowedValues())
        : "the value must match the regular expression " + declaration.regex().get().pattern();
    String message = declaration.validationMessage().isEmpty()
        ? shown + " is not valid"
        : shown + " is not valid: " + declaration.validationMessage();
    throw new InvalidValue(message, rule);
  }

  /** A value that has the declared type but fails the declared validation. */
  static final class InvalidValue extends IllegalArgumentException {
    private final String rule;

    InvalidValue(String message, String rule) {
      super(message);
      this.rule = rule;
    }

    /** Returns the rule the value broke, as the fix of a message. */
    String rule() {
      return rule;
    }
  }

  /** Returns the fix for {@code e}: the broken rule, or the declared type. */
  static String fixFor(IllegalArgumentException e, VariableDeclaration.Kind kind, String verb) {
    return e instanceof InvalidValue invalid ? invalid.rule() : verb + " " + article(kind);
  }

  /**
   * Resolves every declared stack variable from its sources.
   *
   * @param loadedFiles receives each variables file read, for the stack's source hash
   * @throws ConfigException for an undeclared or invalid value or a variable left without one
   */
  static Map<String, JsonNode> resolve(Map<String, VariableDeclaration> declarations,
      VariableInputs inputs, YamlReader reader, Path stackFile, List<Path> loadedFiles) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();

    // Lowest precedence first, so that later sources overwrite earlier ones.
    for (VariableDeclaration declaration : declarations.values()) {
      declaration.defaultValue().filter(node -> !isNull(node)).ifPresent(node ->
          values.put(declaration.name(), coerce(YamlFields.toJson(node), declaration.kind())));
    }
    for (VariableDeclaration declaration : declarations.values()) {
      String environmentName = ENVIRONMENT_PREFIX + declaration.name();
      String text = inputs.environment().get(environmentName);
      if (text != null) {
        values.put(declaration.name(), fromText(declaration, text, "from " + environmentName));
        sources.put(declaration.name(), environmentName);
      }
    }
    for (Path file : inputs.files()) {
      loadedFiles.add(file);
      readFile(file, declarations, reader, stackFile, values);
    }
    for (Map.Entry<String, String> assignment : inputs.assignments().entrySet()) {
      String name = assignment.getKey();
      VariableDeclaration declaration = declarations.get(name);
      if (declaration == null) {
        throw new ConfigException(null,
            "--var " + name + ": no variable '" + name + "' is declared in "
                + reader.displayPath(stackFile),
            Suggestions.fix(name, declarations.keySet(), "variable"));
      }
      values.put(name, fromText(declaration, assignment.getValue(), "from --var"));
    }

    for (VariableDeclaration declaration : declarations.values()) {
      if (!values.containsKey(declaration.name())) {
        String name = declaration.name();
        throw new ConfigException(declaration.position(),
            "variable '" + name + "' has no value",
            "set it with --var " + name + "=VALUE, in a file passed with --var-file, or in the "
                + "environment variable " + ENVIRONMENT_PREFIX + name
                + ", or give it a default");
      }
    }
    return values;
  }

  private static JsonNode fromText(VariableDeclaration declaration, String text, String source) {
    JsonNode value;
    try {
      value = parseText(text, declaration.kind());
      check(declaration, value);
    } catch (IllegalArgumentException e) {
      String message = declaration.sensitive()
          ? e.getMessage().replace("'" + text + "'", "(sensitive value)")
          : e.getMessage();
      throw new ConfigException(null,
          "invalid value for variable '" + declaration.name() + "' " + source + ": " + message,
          fixFor(e, declaration.kind(), "pass"));
    }
    return value;
  }

  private static void readFile(Path file, Map<String, VariableDeclaration> declarations,
      YamlReader reader, Path stackFile, Map<String, JsonNode> values) {
    YamlNode.Mapping root = YamlFields.mapping(reader.read(file, "variables file"),
        "a variables file");
    for (Map.Entry<String, YamlNode> entry : root.entries().entrySet()) {
      String name = entry.getKey();
      VariableDeclaration declaration = declarations.get(name);
      if (declaration == null) {
        throw new ConfigException(root.keyPosition(name),
            "no variable '" + name + "' is declared in " + reader.displayPath(stackFile),
            Suggestions.fix(name, declarations.keySet(), "variable"));
      }
      YamlNode node = entry.getValue();
      try {
        JsonNode value = coerce(YamlFields.toJson(node), declaration.kind());
        check(declaration, value);
        values.put(name, value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(node.position(),
            "invalid value for variable '" + name + "': " + e.getMessage(),
            fixFor(e, declaration.kind(), "write"));
      }
    }
  }

  /** Returns "a string", "an int", ... for messages. */
  static String article(VariableDeclaration.Kind kind) {
    return (kind == VariableDeclaration.Kind.INT || kind == VariableDeclaration.Kind.ANY
        ? "an " : "a ") + kind.written();
  }

  /** Returns how messages describe the JSON type of {@code value}. */
  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isIntegralNumber()) {
      return "an int";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a bool";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return "null";
  }
}
