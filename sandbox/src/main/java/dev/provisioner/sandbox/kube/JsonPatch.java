package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON Patch (RFC 6902): add, remove, replace, move, copy and test. */
final class JsonPatch {

  private JsonPatch() {}

  /** Applies {@code patch} to a copy of {@code target}; a failed operation throws. */
  static ObjectNode apply(ObjectNode target, JsonNode patch) {
    ObjectNode result = target.deepCopy();
    for (JsonNode operation : patch) {
      String op = operation.path("op").asText();
      String path = operation.path("path").asText();
      switch (op) {
        case "add":
          add(result, path, operation.path("value").deepCopy());
          break;
        case "remove":
          remove(result, path);
          break;
        case "replace":
          remove(result, path);
          add(result, path, operation.path("value").deepCopy());
          break;
        case "move":
          {
            JsonNode value = result.at(operation.path("from").asText());
            remove(result, operation.path("from").asText());
            add(result, path, value);
            break;
          }
        case "copy":
          add(result, path, result.at(operation.path("from").asText()).deepCopy());
          break;
        case "test":
          if (!result.at(path).equals(operation.path("value"))) {
            throw new IllegalArgumentException("the test operation at " + path + " failed");
          }
          break;
        default:
          throw new IllegalArgumentException("unknown JSON patch operation '" + op + "'");
      }
    }
    return result;
  }

  private static void add(ObjectNode root, String path, JsonNode value) {
    JsonNode parent = root.at(parentPointer(path));
    String last = lastToken(path);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(Integer.parseInt(last), value);
      }
    } else {
      throw new IllegalArgumentException("the path " + path + " does not exist");
    }
  }

  private static void remove(ObjectNode root, String path) {
    JsonNode parent = root.at(parentPointer(path));
    String last = lastToken(path);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array && Integer.parseInt(last) < array.size()) {
      array.remove(Integer.parseInt(last));
    } else {
      throw new IllegalArgumentException("the path " + path + " does not exist");
    }
  }

  private static String parentPointer(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static String lastToken(String path) {
    return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }
}
