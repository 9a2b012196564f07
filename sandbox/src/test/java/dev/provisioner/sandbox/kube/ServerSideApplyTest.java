package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-side apply as the Kubernetes API documents it, over raw HTTP. */
class ServerSideApplyTest {

  private static final String CONFIG_MAP = "/api/v1/namespaces/default/configmaps/settings";
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/web";

  private ClusterApiServer server;
  private ApiClients clients;

  @BeforeEach
  void startServer() {
    server = ClusterApiServer.start("ssa", "1.30.5");
    clients = new ApiClients(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void applyCreatesAbsentObjectWithOwnership() {
    HttpResponse<String> response =
        clients.apply(CONFIG_MAP, "provisioner", false, configMap("a: \"1\""));

    assertEquals(201, response.statusCode(), response.body());
    JsonNode entry = Json.parse(response.body()).path("metadata").path("managedFields").get(0);
    assertEquals("provisioner", entry.path("manager").asText());
    assertEquals("Apply", entry.path("operation").asText());
    assertEquals("FieldsV1", entry.path("fieldsType").asText());
    assertTrue(entry.path("fieldsV1").path("f:data").has("f:a"), entry.toString());
  }

  @Test
  void applyMergesFieldsOfTwoManagers() {
    clients.apply(CONFIG_MAP, "first", false, configMap("a: \"1\""));

    HttpResponse<String> response =
        clients.apply(CONFIG_MAP, "second", false, configMap("b: \"2\""));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode object = Json.parse(response.body());
    assertEquals("1", object.path("data").path("a").asText());
    assertEquals("2", object.path("data").path("b").asText());
    assertEquals(2, object.path("metadata").path("managedFields").size());
  }

  @Test
  void applyRemovesFieldTheManagerStoppedApplying() {
    clients.apply(CONFIG_MAP, "provisioner", false, configMap("a: \"1\"\n  b: \"2\""));

    HttpResponse<String> response =
        clients.apply(CONFIG_MAP, "provisioner", false, configMap("a: \"1\""));

    JsonNode data = Json.parse(response.body()).path("data");
    assertTrue(data.has("a"));
    assertFalse(data.has("b"), data.toString());
  }

  @Test
  void fieldAnotherManagerAlsoAppliesIsKept() {
    clients.apply(CONFIG_MAP, "first", false, configMap("a: \"1\"\n  b: \"2\""));
    clients.apply(CONFIG_MAP, "second", false, configMap("b: \"2\""));

    HttpResponse<String> response =
        clients.apply(CONFIG_MAP, "first", false, configMap("a: \"1\""));

    assertEquals("2", Json.parse(response.body()).path("data").path("b").asText());
  }

  @Test
  void changingAnotherManagersFieldConflicts() {
    clients.apply(CONFIG_MAP, "first", false, configMap("a: \"1\""));

    HttpResponse<String> response =
        clients.apply(CONFIG_MAP, "second", false, configMap("a: \"2\""));

    assertEquals(409, response.statusCode());
    JsonNode status = Json.parse(response.body());
    assertEquals("Conflict", status.path("reason").asText());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"first\" using v1: .data.a",
        status.path("message").asText());
    JsonNode cause = status.path("details").path("causes").get(0);
    assertEquals("FieldManagerConflict", cause.path("reason").asText());
    assertEquals(".data.a", cause.path("field").asText());
  }

  @Test
  void forcedApplyTakesOwnership() {
    clients.apply(CONFIG_MAP, "first", false, configMap("a: \"1\"\n  b: \"1\""));

    HttpResponse<String> response =
        clients.apply(CONFIG_MAP, "second", true, configMap("a: \"2\""));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode object = Json.parse(response.body());
    assertEquals("2", object.path("data").path("a").asText());
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      boolean ownsA = entry.path("fieldsV1").path("f:data").has("f:a");
      assertEquals(entry.path("manager").asText().equals("second"), ownsA, entry.toString());
    }
  }

  @Test
  void repeatedApplyChangesNothing() {
    String first = clients.apply(CONFIG_MAP, "provisioner", false, configMap("a: \"1\"")).body();

    String second = clients.apply(CONFIG_MAP, "provisioner", false, configMap("a: \"1\"")).body();

    assertEquals(
        Json.parse(first).path("metadata").path("resourceVersion"),
        Json.parse(second).path("metadata").path("resourceVersion"));
  }

  @Test
  void containersMergeByName() {
    clients.apply(DEPLOYMENT, "provisioner", false, deployment("app", "nginx:1.27"));
    clients.apply(DEPLOYMENT, "mesh", false, deployment("sidecar", "proxy:1.0"));

    HttpResponse<String> response =
        clients.apply(DEPLOYMENT, "provisioner", false, deployment("app", "nginx:1.28"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode containers =
        Json.parse(response.body()).path("spec").path("template").path("spec").path("containers");
    assertEquals(2, containers.size(), containers.toString());
    assertEquals("nginx:1.28", containers.get(0).path("image").asText());
    assertEquals("sidecar", containers.get(1).path("name").asText());
    JsonNode owned =
        Json.parse(response.body())
            .path("metadata")
            .path("managedFields")
            .get(0)
            .path("fieldsV1")
            .path("f:spec")
            .path("f:template")
            .path("f:spec")
            .path("f:containers");
    assertTrue(owned.has("k:{\"name\":\"app\"}"), owned.toString());
  }

  @Test
  void applyWithoutFieldManagerIsRejected() {
    HttpResponse<String> response =
        clients.send(
            "PATCH", CONFIG_MAP, "application/apply-patch+yaml", configMap("a: \"1\""), true);

    assertEquals(422, response.statusCode());
  }

  @Test
  void dryRunApplyStoresNothing() {
    HttpResponse<String> response =
        clients.send(
            "PATCH",
            CONFIG_MAP + "?fieldManager=provisioner&dryRun=All",
            "application/apply-patch+yaml",
            configMap("a: \"1\""),
            true);

    assertEquals(201, response.statusCode(), response.body());
    assertEquals(404, clients.get(CONFIG_MAP).statusCode());
  }

  @Test
  void strategicMergePatchMergesContainersByName() {
    clients.apply(DEPLOYMENT, "provisioner", false, deployment("app", "nginx:1.27"));
    String patch =
        """
        {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"proxy:1.0"}]}}}}\
        """;

    HttpResponse<String> response =
        clients.send("PATCH", DEPLOYMENT, "application/strategic-merge-patch+json", patch, true);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode containers =
        Json.parse(response.body()).path("spec").path("template").path("spec").path("containers");
    assertEquals(2, containers.size(), containers.toString());
  }

  @Test
  void strategicMergePatchDeleteDirectiveRemovesItem() {
    clients.apply(DEPLOYMENT, "provisioner", false, deployment("app", "nginx:1.27"));
    String patch =
        """
        {"spec":{"template":{"spec":{"containers":[{"name":"app","$patch":"delete"}]}}}}\
        """;

    HttpResponse<String> response =
        clients.send("PATCH", DEPLOYMENT, "application/strategic-merge-patch+json", patch, true);

    JsonNode containers =
        Json.parse(response.body()).path("spec").path("template").path("spec").path("containers");
    assertEquals(0, containers.size(), containers.toString());
  }

  private static String configMap(String data) {
    return """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      %s
    """
        .formatted(data);
  }

  private static String deployment(String container, String image) {
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: %s
            image: %s
    """
        .formatted(container, image);
  }
}
