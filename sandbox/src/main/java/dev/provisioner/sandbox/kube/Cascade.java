package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes what the cluster deletes along with an object. The namespace controller removes a
 * namespace's contents, the API server a CRD's custom resources, and the garbage collector the
 * objects whose {@code ownerReferences} name the deleted owner. It runs with the write lock held,
 * so it finishes before the delete request returns.
 */
final class Cascade {

  private final ApiRequestDispatcher api;

  Cascade(ApiRequestDispatcher api) {
    this.api = api;
  }

  /**
   * Deletes what goes with the deleted {@code object}. With {@code orphan} (propagation policy
   * Orphan), dependents stay and lose their owner reference instead. A namespace's contents and a
   * CRD's custom resources go either way.
   */
  void deleted(ResourceInfo resource, ObjectNode object, boolean orphan) {
    if (resource.group().isEmpty() && resource.kind().equals("Namespace")) {
      deleteNamespaceContents(object.path("metadata").path("name").asText());
    }
    if (resource.group().equals("apiextensions.k8s.io")) {
      deleteCustomResources(object);
    }
    handleDependents(object.path("metadata").path("uid").asText(""), orphan);
  }

  private void deleteNamespaceContents(String namespace) {
    for (ResourceInfo resource : api.catalog().all()) {
      if (resource.namespaced()) {
        deleteAll(
            resource,
            ApiPath.collectionPath(
                resource.group(), resource.version(), namespace, resource.plural()));
      }
    }
  }

  private void deleteCustomResources(ObjectNode crd) {
    JsonNode spec = crd.path("spec");
    for (JsonNode version : spec.path("versions")) {
      String plural = spec.path("names").path("plural").asText();
      String group = spec.path("group").asText();
      String collection = ApiPath.collectionPath(group, version.path("name").asText(), "", plural);
      ResourceInfo resource = ResourceCatalog.fromDefinition(crd).get(0);
      deleteAll(resource, collection);
    }
  }

  private void deleteAll(ResourceInfo resource, String collection) {
    for (ObjectNode item : api.list(collection)) {
      deleteItem(resource, item);
    }
  }

  private void handleDependents(String ownerUid, boolean orphan) {
    if (ownerUid.isEmpty()) {
      return;
    }
    // A cheap text match comes first, because only objects that mention the uid can name it.
    List<String> candidates = new ArrayList<>();
    synchronized (api.crud().getMap()) {
      for (String stored : api.crud().getMap().values()) {
        if (stored.contains(ownerUid) && stored.contains("ownerReferences")) {
          candidates.add(stored);
        }
      }
    }
    for (String stored : candidates) {
      ObjectNode object = (ObjectNode) Json.parse(stored);
      for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
        if (owner.path("uid").asText().equals(ownerUid)) {
          Optional<ResourceInfo> resource =
              api.catalog()
                  .findByKind(object.path("apiVersion").asText(), object.path("kind").asText());
          if (orphan) {
            resource.ifPresent(info -> removeOwner(info, object, ownerUid));
          } else {
            resource.ifPresent(info -> deleteItem(info, object));
          }
          break;
        }
      }
    }
  }

  private void deleteItem(ResourceInfo resource, ObjectNode item) {
    String path = pathOf(resource, item);
    if (api.current(path) != null) {
      api.deleteObject(path, resource, item, false);
    }
  }

  private void removeOwner(ResourceInfo resource, ObjectNode item, String ownerUid) {
    ObjectNode updated = item.deepCopy();
    ArrayNode owners = (ArrayNode) updated.path("metadata").path("ownerReferences");
    for (int index = owners.size() - 1; index >= 0; index--) {
      if (owners.get(index).path("uid").asText().equals(ownerUid)) {
        owners.remove(index);
      }
    }
    api.handle(
        HttpMethod.PUT,
        pathOf(resource, item),
        "application/json",
        "garbage-collector",
        Json.write(updated));
  }

  private static String pathOf(ResourceInfo resource, ObjectNode item) {
    String namespace = item.path("metadata").path("namespace").asText("");
    return ApiPath.collectionPath(
            resource.group(),
            resource.version(),
            resource.namespaced() ? namespace : "",
            resource.plural())
        + "/"
        + item.path("metadata").path("name").asText();
  }
}
