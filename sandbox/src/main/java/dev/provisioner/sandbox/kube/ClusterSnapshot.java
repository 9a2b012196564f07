package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saves a cluster's stored objects to a JSON file and loads them back into a fresh CRUD store,
 * keeping each object's uid, resourceVersion and creationTimestamp.
 */
final class ClusterSnapshot {

  private ClusterSnapshot() {}

  /** Writes every stored object to {@code file}, replacing it atomically. */
  static void save(ApiRequestDispatcher api, Path file) {
    List<String> objects;
    api.writeLock().lock();
    try {
      synchronized (api.crud().getMap()) {
        objects = new ArrayList<>(api.crud().getMap().values());
      }
    } finally {
      api.writeLock().unlock();
    }
    ArrayNode entries = Json.MAPPER.createArrayNode();
    for (String stored : objects) {
      JsonNode object = Json.parse(stored);
      Optional<String> path = objectPath(api.catalog(), object);
      if (path.isEmpty()) {
        continue;
      }
      ObjectNode entry = entries.addObject();
      entry.put("path", path.get());
      entry.set("object", object);
    }
    try {
      // Stored objects include Secrets, so the file is private like the credentials.
      PrivateFiles.write(file, Json.write(entries));
    } catch (IOException e) {
      throw new UncheckedIOException("saving the cluster objects to " + file, e);
    }
  }

  /**
   * Loads the objects in {@code file} (if it exists) into the store of {@code api}, CRDs first so
   * their custom resources are known.
   */
  static int load(ApiRequestDispatcher api, Path file) {
    if (!Files.exists(file)) {
      return 0;
    }
    JsonNode entries;
    try {
      entries = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the cluster objects from " + file, e);
    }
    List<JsonNode> ordered = new ArrayList<>();
    entries.forEach(
        entry -> {
          if (entry.path("path").asText().contains("/customresourcedefinitions/")) {
            ordered.add(0, entry);
          } else {
            ordered.add(entry);
          }
        });
    KubernetesCrudDispatcher crud = api.crud();
    long maxResourceVersion = 0;
    api.writeLock().lock();
    try {
      for (JsonNode entry : ordered) {
        String path = entry.path("path").asText();
        JsonNode object = entry.path("object");
        crud.processEvent(path, crud.getKey(path), null, null, Json.write(object));
        if (path.contains("/customresourcedefinitions/")) {
          api.catalog().updateDefinition(object.path("metadata").path("name").asText(), object);
        }
        maxResourceVersion =
            Math.max(maxResourceVersion, object.path("metadata").path("resourceVersion").asLong(0));
      }
      // Resource versions must keep growing across restarts, or watchers would see old ones.
      while (crud.requestResourceVersion() < maxResourceVersion) {
        // Advances the store's counter past every restored version.
      }
    } finally {
      api.writeLock().unlock();
    }
    return ordered.size();
  }

  static Optional<String> objectPath(ResourceCatalog catalog, JsonNode object) {
    return catalog
        .findByKind(object.path("apiVersion").asText(), object.path("kind").asText())
        .map(
            resource ->
                ApiPath.collectionPath(
                        resource.group(),
                        resource.version(),
                        resource.namespaced()
                            ? object.path("metadata").path("namespace").asText("")
                            : "",
                        resource.plural())
                    + "/"
                    + object.path("metadata").path("name").asText());
  }
}
