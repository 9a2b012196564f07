package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** Watches over plain HTTP, one JSON event per line, as client-go reads them. */
class HttpWatchTest {

  private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";

  @Test
  void watchStreamsExistingAndNewObjects() {
    try (ClusterApiServer server = ClusterApiServer.start("watch", "1.30.5")) {
      ApiClients clients = new ApiClients(server);
      ManifestApplier applier = new ManifestApplier(clients);
      applier.apply(configMap("first", "a"), "test");

      Iterator<String> events = clients.watchLines(CONFIG_MAPS + "?watch=true&timeoutSeconds=30");
      JsonNode added = Json.parse(events.next());
      applier.apply(configMap("first", "b"), "test");
      JsonNode modified = Json.parse(events.next());
      clients.send("DELETE", CONFIG_MAPS + "/first", null, null, true);
      JsonNode deleted = Json.parse(events.next());

      assertEquals("ADDED", added.path("type").asText());
      assertEquals("first", added.path("object").path("metadata").path("name").asText());
      assertEquals("MODIFIED", modified.path("type").asText());
      assertEquals("b", modified.path("object").path("data").path("key").asText());
      assertEquals("DELETED", deleted.path("type").asText());
    }
  }

  @Test
  void watchFiltersByFieldSelector() {
    try (ClusterApiServer server = ClusterApiServer.start("watch", "1.30.5")) {
      ApiClients clients = new ApiClients(server);
      ManifestApplier applier = new ManifestApplier(clients);

      Iterator<String> events =
          clients.watchLines(
              CONFIG_MAPS + "?watch=true&fieldSelector=metadata.name%3Dwanted&timeoutSeconds=30");
      applier.apply(configMap("other", "a"), "test");
      applier.apply(configMap("wanted", "a"), "test");

      assertEquals(
          "wanted",
          Json.parse(events.next()).path("object").path("metadata").path("name").asText());
    }
  }

  private static String configMap(String name, String value) {
    return """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: %s, namespace: default}
    data: {key: %s}
    """
        .formatted(name, value);
  }
}
