package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders {@link ArmException}s as ARM error bodies. */
final class ArmErrors {

  private ArmErrors() {}

  /** Returns {@code {"error": {...}}}. */
  static ObjectNode body(ArmException exception) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("error", errorObject(exception));
    return body;
  }

  /** Returns {@code {"code", "message", "target"?, "details": [...]}}. */
  static ObjectNode errorObject(ArmException exception) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("code", exception.code());
    error.put("message", exception.getMessage());
    if (exception.target() != null) {
      error.put("target", exception.target());
    }
    ArrayNode details = error.putArray("details");
    exception.details().forEach(detail -> details.add(errorObject(detail)));
    return error;
  }
}
