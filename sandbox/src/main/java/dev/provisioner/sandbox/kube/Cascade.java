package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes what the cluster deletes along with an object: a namespace's contents (the namespace
 * controller), a CRD's custom resources, and objects whose {@code ownerReferences} name a deleted
 * owner (the garbage collector, with the default background propagation). Runs with the write lock
 * held and finishes before the delete request returns.
 */
final class Cascade {

  private final ApiRequestDispatcher api;

  Cascade(ApiRequestDispatcher api) {
    this.api = api;
  }

  void deleted(ResourceInfo resource, ObjectNode object) {
    if (resource.group().isEmpty() && resource.kind().equals("Namespace")) {
      deleteNamespaceContents(object.path("metadata").path("name").asText());
    }
    if (resource.group().equals("apiextensions.k8s.io")) {
      deleteCustomResources(object);
    }
    deleteDependents(object.path("metadata").path("uid").asText(""));
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

  private void deleteDependents(String ownerUid) {
    if (ownerUid.isEmpty()) {
      return;
    }
    // A cheap text match first: only objects that mention the uid can name it as owner.
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
          resource.ifPresent(info -> deleteItem(info, object));
          break;
        }
      }
    }
  }

  private void deleteItem(ResourceInfo resource, ObjectNode item) {
    String namespace = item.path("metadata").path("namespace").asText("");
    String path =
        ApiPath.collectionPath(
                resource.group(),
                resource.version(),
                resource.namespaced() ? namespace : "",
                resource.plural())
            + "/"
            + item.path("metadata").path("name").asText();
    if (api.current(path) != null) {
      api.deleteObject(path, resource, item);
    }
  }
}
