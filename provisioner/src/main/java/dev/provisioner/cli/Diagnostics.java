package dev.provisioner.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ConfigException;

/**
 * The JSON form of errors: a {@code diagnostics} array whose items have {@code severity},
 * {@code message}, {@code fix}, and {@code file}, {@code line} and {@code column} when the error
 * has a place in the stack. {@code validate --json} and every command run with {@code --json}
 * that fails print it.
 */
final class Diagnostics {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Diagnostics() {}

  /** Adds one item per problem of {@code exception} to {@code into}. */
  static void add(ArrayNode into, ConfigException exception) {
    for (ConfigException.Diagnostic diagnostic : exception.diagnostics()) {
      ObjectNode item = into.addObject();
      item.put("severity", "error");
      if (diagnostic.position() != null) {
        item.put("file", diagnostic.position().file().toString());
        item.put("line", diagnostic.position().line());
        item.put("column", diagnostic.position().column());
      }
      item.put("message", diagnostic.problem());
      item.put("fix", diagnostic.fix());
    }
  }

  /**
   * Returns {@code {"type": "error", "diagnostics": [...]}} for an error that ended a command;
   * {@code message} is the text the error line on stderr shows.
   */
  static ObjectNode errorDocument(Exception exception, String message) {
    ObjectNode root = JSON.objectNode();
    root.put("type", "error");
    ArrayNode diagnostics = root.putArray("diagnostics");
    if (exception instanceof ConfigException config) {
      add(diagnostics, config);
    } else {
      ObjectNode item = diagnostics.addObject();
      item.put("severity", "error");
      item.put("message", message);
      item.put("fix", "");
    }
    return root;
  }
}
