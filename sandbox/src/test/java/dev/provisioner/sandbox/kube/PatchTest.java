package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merge patch, JSON patch and ownership of fields written without apply. */
class PatchTest {

  private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";

  private ClusterApiServer server;
  private ApiClients clients;

  @BeforeEach
  void startServer() {
    server = ClusterApiServer.start("patch", "1.30.5");
    clients = new ApiClients(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void mergePatchNullRemovesField() {
    create("{\"a\":\"1\",\"b\":\"2\"}");

    HttpResponse<String> response =
        clients.send(
            "PATCH",
            CONFIG_MAPS + "/settings",
            "application/merge-patch+json",
            "{\"data\":{\"b\":null}}",
            true);

    assertEquals(200, response.statusCode(), response.body());
    assertFalse(Json.parse(response.body()).path("data").has("b"));
  }

  @Test
  void jsonPatchReplacesValue() {
    create("{\"a\":\"1\"}");

    HttpResponse<String> response =
        clients.send(
            "PATCH",
            CONFIG_MAPS + "/settings",
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"9\"}]",
            true);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("9", Json.parse(response.body()).path("data").path("a").asText());
  }

  @Test
  void applyConflictsWithFieldsAnUpdateSet() {
    create("{\"a\":\"1\"}");

    HttpResponse<String> response =
        clients.apply(
            CONFIG_MAPS + "/settings",
            "provisioner",
            false,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: \"2\"}\n");

    assertEquals(409, response.statusCode(), response.body());
    JsonNode cause = Json.parse(response.body()).path("details").path("causes").get(0);
    assertEquals("conflict with \"creator\" using v1", cause.path("message").asText());
  }

  @Test
  void updateRecordsManagerFromQuery() {
    create("{\"a\":\"1\"}");

    JsonNode entry =
        Json.parse(clients.get(CONFIG_MAPS + "/settings").body())
            .path("metadata")
            .path("managedFields")
            .get(0);

    assertEquals("creator", entry.path("manager").asText());
    assertEquals("Update", entry.path("operation").asText());
  }

  private void create(String data) {
    HttpResponse<String> response =
        clients.send(
            "POST",
            CONFIG_MAPS + "?fieldManager=creator",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\"},"
                + "\"data\":"
                + data
                + "}",
            true);
    assertEquals(201, response.statusCode(), response.body());
  }
}
