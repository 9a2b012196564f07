package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies multi-document YAML with server-side apply, finding each kind's resource through the
 * server's discovery documents as kubectl does.
 */
final class ManifestApplier {

  private final ApiClients clients;
  private final Map<String, JsonNode> resourceLists = new HashMap<>();

  ManifestApplier(ApiClients clients) {
    this.clients = clients;
  }

  static List<JsonNode> documents(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator =
        Json.YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (iterator.hasNext()) {
        JsonNode document = iterator.next();
        if (document != null && document.isObject() && document.has("kind")) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** Applies every document in order and returns how many it applied. */
  int apply(String yaml, String fieldManager) {
    List<JsonNode> documents = documents(yaml);
    for (JsonNode document : documents) {
      HttpResponse<String> response =
          clients.apply(pathOf(document), fieldManager, true, Json.write(document));
      if (response.statusCode() >= 300) {
        throw new AssertionError("applying " + pathOf(document) + ": " + response.body());
      }
    }
    return documents.size();
  }

  String pathOf(JsonNode document) {
    String apiVersion = document.path("apiVersion").asText();
    String kind = document.path("kind").asText();
    JsonNode list = resourceLists.computeIfAbsent(apiVersion, this::discover);
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("kind").asText().equals(kind)
          && !resource.path("name").asText().contains("/")) {
        String group =
            apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String namespace =
            resource.path("namespaced").asBoolean()
                ? document.path("metadata").path("namespace").asText("default")
                : "";
        return ApiPath.collectionPath(group, version, namespace, resource.path("name").asText())
            + "/"
            + document.path("metadata").path("name").asText();
      }
    }
    throw new AssertionError("discovery has no kind " + kind + " in " + apiVersion + ": " + list);
  }

  /** Forgets discovery results, as kubectl does after installing CRDs. */
  void invalidate() {
    resourceLists.clear();
  }

  private JsonNode discover(String apiVersion) {
    String path = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    HttpResponse<String> response = clients.get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError("discovery of " + apiVersion + " returned " + response.statusCode());
    }
    return Json.parse(response.body());
  }
}
