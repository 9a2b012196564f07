package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's objects as the sandbox itself reads and writes them (node sync, add-ons,
 * controllers): through the same API layer as clients, so watches fire and field ownership is
 * recorded, but without the token check.
 */
final class ClusterObjects {

  private final ApiRequestDispatcher api;

  ClusterObjects(ApiRequestDispatcher api) {
    this.api = api;
  }

  ResourceCatalog catalog() {
    return api.catalog();
  }

  Optional<ObjectNode> get(String objectPath) {
    return Optional.ofNullable(api.current(objectPath));
  }

  List<ObjectNode> list(String collectionPath) {
    return api.list(collectionPath);
  }

  /**
   * Returns whether the cluster serves {@code plural} in {@code group}/{@code version}, e.g.
   * because its CRD exists.
   */
  boolean serves(String group, String version, String plural) {
    return api.catalog().find(group, version, plural).isPresent();
  }

  /**
   * Applies {@code config} with server-side apply under {@code manager}, forcing conflicts as
   * controllers that own their objects do.
   *
   * @throws IllegalStateException when the API rejects it
   */
  ObjectNode apply(String objectPath, ObjectNode config, String manager) {
    MockResponse response =
        api.handle(
            HttpMethod.PATCH,
            objectPath + "?fieldManager=" + manager + "&force=true",
            "application/apply-patch+yaml",
            manager,
            Json.write(config));
    return (ObjectNode) checked(response, "applying " + objectPath);
  }

  /**
   * Replaces the status of the object at {@code objectPath} when it differs; returns whether it
   * did.
   */
  boolean writeStatus(String objectPath, JsonNode status) {
    ObjectNode live = api.current(objectPath);
    // Compare in stored form, because a built status may contain longs where the parsed one has
    // ints.
    if (live == null || Json.parse(Json.write(status)).equals(live.get("status"))) {
      return false;
    }
    ObjectNode updated = live.deepCopy();
    updated.set("status", status);
    MockResponse response =
        api.handle(
            HttpMethod.PUT,
            objectPath + "/status",
            "application/json",
            "sandbox-controller",
            Json.write(updated));
    if (response.code() == 404 || response.code() == 409) {
      // Deleted or changed meanwhile: the change that did it queues the object again.
      return false;
    }
    checked(response, "updating the status of " + objectPath);
    return true;
  }

  void delete(String objectPath) {
    MockResponse response = api.handle(HttpMethod.DELETE, objectPath, "", "sandbox", "");
    if (response.code() != 404) {
      checked(response, "deleting " + objectPath);
    }
  }

  /**
   * Returns the path of an object given its apiVersion, kind, namespace and name, if the cluster
   * serves the kind.
   */
  Optional<String> pathOf(String apiVersion, String kind, String namespace, String name) {
    ObjectNode object = Json.object();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    return ClusterSnapshot.objectPath(api.catalog(), object);
  }

  private static JsonNode checked(MockResponse response, String step) {
    String body = response.getBody() == null ? "" : response.getBody().readUtf8();
    if (response.code() >= 300) {
      String message =
          body.isEmpty()
              ? "HTTP " + response.code()
              : Json.parse(body).path("message").asText(body);
      throw new IllegalStateException(step + " failed: " + message);
    }
    return Json.parse(body);
  }
}
