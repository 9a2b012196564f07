package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery documents and the 404s of a real API server for what it does not serve. */
class DiscoveryTest {

  private static final String WIDGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.dev
      spec:
        group: example.dev
        names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget, \
      shortNames: [wg]}
        scope: Namespaced
        versions:
        - name: v1beta1
          served: true
          storage: false
          schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
      """;

  private ClusterApiServer server;
  private ApiClients clients;

  @BeforeEach
  void startServer() {
    server = ClusterApiServer.start("discovery", "1.30.5");
    clients = new ApiClients(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void versionReportsClusterVersion() {
    JsonNode version = Json.parse(clients.get("/version").body());

    assertEquals("1", version.path("major").asText());
    assertEquals("30", version.path("minor").asText());
    assertEquals("v1.30.5", version.path("gitVersion").asText());
  }

  @Test
  void coreResourceListDescribesPods() {
    JsonNode list = Json.parse(clients.get("/api/v1").body());

    assertEquals("APIResourceList", list.path("kind").asText());
    JsonNode pods = find(list, "pods");
    assertEquals("Pod", pods.path("kind").asText());
    assertTrue(pods.path("namespaced").asBoolean());
    assertEquals("po", pods.path("shortNames").get(0).asText());
    assertTrue(pods.path("verbs").toString().contains("\"watch\""));
    assertEquals("Namespace", find(list, "namespaces").path("kind").asText());
    assertTrue(!find(list, "namespaces").path("namespaced").asBoolean());
  }

  @Test
  void groupListNamesBuiltinGroups() {
    String groups = clients.get("/apis").body();

    for (String group :
        new String[] {
          "apps",
          "batch",
          "rbac.authorization.k8s.io",
          "networking.k8s.io",
          "policy",
          "autoscaling",
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "coordination.k8s.io",
          "scheduling.k8s.io",
          "storage.k8s.io"
        }) {
      assertTrue(groups.contains("\"name\":\"" + group + "\""), group);
    }
    assertEquals(
        "v2",
        Json.parse(clients.get("/apis/autoscaling").body())
            .path("preferredVersion")
            .path("version")
            .asText());
  }

  @Test
  void everyServedVersionOfStoredCrdIsDiscovered() {
    new ManifestApplier(clients).apply(WIDGET_CRD, "test");

    JsonNode v1 = Json.parse(clients.get("/apis/example.dev/v1").body());
    JsonNode v1beta1 = Json.parse(clients.get("/apis/example.dev/v1beta1").body());
    JsonNode group = Json.parse(clients.get("/apis/example.dev").body());

    assertEquals("Widget", find(v1, "widgets").path("kind").asText());
    assertEquals("wg", find(v1, "widgets").path("shortNames").get(0).asText());
    assertEquals("Widget", find(v1beta1, "widgets").path("kind").asText());
    assertEquals("v1", group.path("preferredVersion").path("version").asText());
  }

  @Test
  void fabric8GenericClientFindsCustomKindThroughDiscovery() {
    new ManifestApplier(clients).apply(WIDGET_CRD, "test");
    GenericKubernetesResource widget =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("example.dev/v1")
            .withKind("Widget")
            .withNewMetadata()
            .withName("w1")
            .withNamespace("default")
            .endMetadata()
            .addToAdditionalProperties("spec", java.util.Map.of("size", 3))
            .build();

    try (KubernetesClient client = clients.fabric8()) {
      client
          .genericKubernetesResources("example.dev/v1", "Widget")
          .inNamespace("default")
          .resource(widget)
          .create();

      assertEquals(
          1,
          client
              .genericKubernetesResources("example.dev/v1", "Widget")
              .inNamespace("default")
              .list()
              .getItems()
              .size());
    }
  }

  @Test
  void openApiDeclaresServerSideFieldValidation() {
    JsonNode index = Json.parse(clients.get("/openapi/v3").body());
    String appsUrl = index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();

    JsonNode apps = Json.parse(clients.get(appsUrl).body());

    JsonNode patch =
        apps.path("paths")
            .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")
            .path("patch");
    assertEquals("Deployment", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
    assertTrue(
        patch.path("parameters").toString().contains("\"fieldValidation\""), patch.toString());
  }

  @Test
  void unknownResourceIsNotFound() {
    HttpResponse<String> response = clients.get("/apis/example.dev/v1/namespaces/default/widgets");

    assertEquals(404, response.statusCode());
  }

  @Test
  void createInMissingNamespaceIsNotFound() {
    HttpResponse<String> response =
        clients.send(
            "POST",
            "/api/v1/namespaces/absent/configmaps",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}",
            true);

    assertEquals(404, response.statusCode());
    assertEquals(
        "namespaces \"absent\" not found", Json.parse(response.body()).path("message").asText());
  }

  @Test
  void requestLogListsClientRequests() {
    server.clearRequestLog();

    clients.get("/api/v1/namespaces?limit=5");

    assertEquals(java.util.List.of("GET /api/v1/namespaces?limit=5"), server.requestLog());
  }

  @Test
  void listHasTypedKind() {
    JsonNode list = Json.parse(clients.get("/api/v1/namespaces").body());

    assertEquals("NamespaceList", list.path("kind").asText());
    assertEquals(4, list.path("items").size());
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    throw new AssertionError(name + " not in " + list);
  }
}
