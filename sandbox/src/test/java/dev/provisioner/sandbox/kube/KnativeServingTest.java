package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Knative Serving on the sandbox cluster, installed from the real Istio 1.22.2 and Knative 1.15.2
 * release manifests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnativeServingTest {

  private static final String SERVICES = "/apis/serving.knative.dev/v1/namespaces/apps/services/";

  private ClusterApiServer server;
  private ApiClients clients;
  private ManifestApplier applier;
  private int installedObjects;

  @BeforeAll
  void install() {
    server = ClusterApiServer.start("knative", "1.30.5");
    clients = new ApiClients(server);
    applier = new ManifestApplier(clients);
    installedObjects +=
        applier.apply(Fixtures.manifest("istio", "1.22.2", "istio-ci-no-mesh.yaml"), "provisioner");
    installedObjects +=
        applier.apply(Fixtures.manifest("knative", "1.15.2", "serving-crds.yaml"), "provisioner");
    applier.invalidate();
    installedObjects +=
        applier.apply(Fixtures.manifest("knative", "1.15.2", "serving-core.yaml"), "provisioner");
    installedObjects +=
        applier.apply(Fixtures.manifest("knative", "1.15.2", "net-istio.yaml"), "provisioner");
    applier.apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: apps}
        """,
        "provisioner");
    server.awaitControllers();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void releaseManifestsInstallCompletely() {
    JsonNode crds =
        Json.parse(clients.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").body());

    assertTrue(installedObjects > 100, "installed " + installedObjects);
    for (JsonNode crd : crds.path("items")) {
      assertEquals(
          "True",
          ControllersTest.condition(crd.path("status"), "Established").path("status").asText(),
          crd.path("metadata").path("name").asText());
    }
    JsonNode controller =
        Json.parse(
            clients.get("/apis/apps/v1/namespaces/knative-serving/deployments/controller").body());
    assertEquals(
        "True",
        ControllersTest.condition(controller.path("status"), "Available").path("status").asText());
    JsonNode gateway =
        Json.parse(
            clients.get("/api/v1/namespaces/istio-system/services/istio-ingressgateway").body());
    assertTrue(
        gateway.path("status").path("loadBalancer").path("ingress").get(0).has("ip"),
        gateway.toString());
  }

  @Test
  void serviceBecomesReadyWithUrl() {
    applier.apply(service("hello", "ghcr.io/knative/helloworld-go:v1", ""), "provisioner");
    server.awaitControllers();

    JsonNode status = Json.parse(clients.get(SERVICES + "hello").body()).path("status");

    assertEquals(
        "True",
        ControllersTest.condition(status, "Ready").path("status").asText(),
        status.toString());
    assertEquals("True", ControllersTest.condition(status, "RoutesReady").path("status").asText());
    assertEquals(
        "True", ControllersTest.condition(status, "ConfigurationsReady").path("status").asText());
    assertEquals("http://hello.apps.svc.cluster.local", status.path("url").asText());
    assertEquals("hello-00001", status.path("latestReadyRevisionName").asText());
    assertEquals("hello-00001", status.path("latestCreatedRevisionName").asText());
    assertEquals(100, status.path("traffic").get(0).path("percent").asInt());
    JsonNode revision =
        Json.parse(
            clients
                .get("/apis/serving.knative.dev/v1/namespaces/apps/revisions/hello-00001")
                .body());
    assertEquals(
        "True",
        ControllersTest.condition(revision.path("status"), "Ready").path("status").asText());
  }

  @Test
  void imageChangeCreatesNextRevision() {
    applier.apply(service("image", "ghcr.io/knative/helloworld-go:v1", ""), "provisioner");
    server.awaitControllers();

    applier.apply(service("image", "ghcr.io/knative/helloworld-go:v2", ""), "provisioner");
    server.awaitControllers();

    JsonNode status = Json.parse(clients.get(SERVICES + "image").body()).path("status");
    assertEquals("image-00002", status.path("latestReadyRevisionName").asText());
    assertEquals("image-00002", status.path("traffic").get(0).path("revisionName").asText());
    assertEquals(
        200,
        clients
            .get("/apis/serving.knative.dev/v1/namespaces/apps/revisions/image-00001")
            .statusCode());
  }

  @Test
  void clusterLocalServiceUsesClusterDomain() {
    applier.apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: config-domain, namespace: knative-serving}
        data: {example.com: ""}
        """,
        "operator");
    applier.apply(
        service(
            "private",
            "ghcr.io/knative/helloworld-go:v1",
            "networking.knative.dev/visibility: cluster-local"),
        "provisioner");
    applier.apply(service("public", "ghcr.io/knative/helloworld-go:v1", ""), "provisioner");
    server.awaitControllers();

    String privateUrl =
        Json.parse(clients.get(SERVICES + "private").body()).path("status").path("url").asText();
    String publicUrl =
        Json.parse(clients.get(SERVICES + "public").body()).path("status").path("url").asText();

    assertEquals("http://private.apps.svc.cluster.local", privateUrl);
    assertEquals("http://public.apps.example.com", publicUrl);
    applier.apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: config-domain, namespace: knative-serving}
        """,
        "operator");
    server.awaitControllers();
    String restoredUrl =
        Json.parse(clients.get(SERVICES + "public").body()).path("status").path("url").asText();
    assertEquals("http://public.apps.svc.cluster.local", restoredUrl);
  }

  @Test
  void deletingServiceDeletesItsRevisions() {
    applier.apply(service("gone", "ghcr.io/knative/helloworld-go:v1", ""), "provisioner");
    server.awaitControllers();

    clients.send("DELETE", SERVICES + "gone", null, null, true);
    server.awaitControllers();

    assertEquals(
        404,
        clients
            .get("/apis/serving.knative.dev/v1/namespaces/apps/revisions/gone-00001")
            .statusCode());
    assertEquals(
        404, clients.get("/apis/serving.knative.dev/v1/namespaces/apps/routes/gone").statusCode());
  }

  private static String service(String name, String image, String label) {
    return """
    apiVersion: serving.knative.dev/v1
    kind: Service
    metadata:
      name: %s
      namespace: apps
      labels: {%s}
    spec:
      template:
        spec:
          containers:
          - image: %s
    """
        .formatted(name, label, image);
  }
}
