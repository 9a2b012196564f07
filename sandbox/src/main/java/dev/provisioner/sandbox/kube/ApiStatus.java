package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * Failure responses shaped as the Kubernetes API's {@code meta.k8s.io/v1 Status}, with the {@code
 * reason} values the API server uses for each HTTP code.
 */
final class ApiStatus {

  private ApiStatus() {}

  static MockResponse failure(int code, String reason, String message) {
    return response(code, body(code, reason, message));
  }

  static MockResponse notFound(String resource, String name) {
    ObjectNode body = body(404, "NotFound", resource + " \"" + name + "\" not found");
    ObjectNode details = body.putObject("details");
    details.put("name", name);
    details.put("kind", resource);
    return response(404, body);
  }

  /** The API server's answer to a path it serves no resource at. */
  static MockResponse noSuchResource() {
    return failure(404, "NotFound", "the server could not find the requested resource");
  }

  static MockResponse unauthorized() {
    return failure(401, "Unauthorized", "Unauthorized");
  }

  static MockResponse badRequest(String message) {
    return failure(400, "BadRequest", message);
  }

  static MockResponse invalid(String message) {
    return failure(422, "Invalid", message);
  }

  /** A server-side apply conflict: one cause per field another manager owns with another value. */
  static MockResponse applyConflict(String message, List<ApplyConflict> conflicts) {
    ObjectNode body = body(409, "Conflict", message);
    ArrayNode causes = body.putObject("details").putArray("causes");
    for (ApplyConflict conflict : conflicts) {
      ObjectNode cause = causes.addObject();
      cause.put("reason", "FieldManagerConflict");
      cause.put("message", "conflict with \"" + conflict.manager() + "\"" + conflict.usingSuffix());
      cause.put("field", conflict.field());
    }
    return response(409, body);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static ObjectNode body(int code, String reason, String message) {
    ObjectNode body = Json.object();
    body.put("kind", "Status");
    body.put("apiVersion", "v1");
    body.putObject("metadata");
    body.put("status", "Failure");
    body.put("message", message);
    body.put("reason", reason);
    body.put("code", code);
    return body;
  }

  private static MockResponse response(int code, ObjectNode body) {
    return json(code, Json.write(body));
  }
}
