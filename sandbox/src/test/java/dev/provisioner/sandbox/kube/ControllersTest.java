package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status the cluster's controllers write, with the real controllers' conditions and reasons.
 */
class ControllersTest {

  private ClusterApiServer server;
  private ApiClients clients;
  private ManifestApplier applier;

  @BeforeEach
  void startServer() {
    server = ClusterApiServer.start("controllers", "1.30.5");
    clients = new ApiClients(server);
    applier = new ManifestApplier(clients);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void crdBecomesEstablished() {
    applier.apply(
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.dev}
        spec:
          group: example.dev
          names: {kind: Widget, plural: widgets, singular: widget}
          scope: Namespaced
          versions:
          - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
        """,
        "test");
    server.awaitControllers();

    JsonNode status =
        status("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.dev");

    assertEquals("True", condition(status, "Established").path("status").asText());
    assertEquals("InitialNamesAccepted", condition(status, "Established").path("reason").asText());
    assertEquals("NoConflicts", condition(status, "NamesAccepted").path("reason").asText());
    assertEquals("WidgetList", status.path("acceptedNames").path("listKind").asText());
    assertEquals("v1", status.path("storedVersions").get(0).asText());
  }

  @Test
  void deploymentBecomesAvailable() {
    applier.apply(deployment(3), "test");
    server.awaitControllers();

    JsonNode status = status("/apis/apps/v1/namespaces/default/deployments/web");

    assertEquals(3, status.path("availableReplicas").asInt());
    assertEquals(1, status.path("observedGeneration").asInt());
    assertEquals(
        "MinimumReplicasAvailable", condition(status, "Available").path("reason").asText());
    assertEquals(
        "NewReplicaSetAvailable", condition(status, "Progressing").path("reason").asText());
  }

  @Test
  void statusSurvivesSpecApply() {
    applier.apply(deployment(3), "test");
    server.awaitControllers();

    applier.apply(deployment(5), "test");
    server.awaitControllers();

    JsonNode status = status("/apis/apps/v1/namespaces/default/deployments/web");
    assertEquals(5, status.path("availableReplicas").asInt());
    assertEquals(2, status.path("observedGeneration").asInt());
  }

  @Test
  void scaleSubresourceChangesReplicas() {
    applier.apply(deployment(3), "test");

    String scale =
        clients
            .send(
                "PATCH",
                "/apis/apps/v1/namespaces/default/deployments/web/scale",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":4}}",
                true)
            .body();
    server.awaitControllers();

    assertEquals("Scale", Json.parse(scale).path("kind").asText());
    assertEquals(4, Json.parse(scale).path("spec").path("replicas").asInt());
    assertEquals("app=web", Json.parse(scale).path("status").path("selector").asText());
    assertEquals(
        4,
        status("/apis/apps/v1/namespaces/default/deployments/web")
            .path("availableReplicas")
            .asInt());
  }

  @Test
  void jobCompletes() {
    applier.apply(
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: default}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: busybox}]
        """,
        "test");
    server.awaitControllers();

    JsonNode status = status("/apis/batch/v1/namespaces/default/jobs/migrate");

    assertEquals("True", condition(status, "Complete").path("status").asText());
    assertEquals(1, status.path("succeeded").asInt());
  }

  @Test
  void loadBalancerServiceGetsIngressAddress() {
    applier.apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: istio-system}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          type: LoadBalancer
          selector: {istio: ingressgateway}
          ports: [{name: http2, port: 80, targetPort: 8080}]
        """,
        "test");
    server.awaitControllers();

    JsonNode status = status("/api/v1/namespaces/istio-system/services/istio-ingressgateway");

    assertTrue(
        status
            .path("loadBalancer")
            .path("ingress")
            .get(0)
            .path("ip")
            .asText()
            .matches("20\\.\\d+\\.\\d+\\.\\d+"),
        status.toString());
  }

  @Test
  void serviceGetsClusterAddressAndNodePort() {
    applier.apply(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{name: http, port: 80}]
        """,
        "test");

    JsonNode spec =
        Json.parse(clients.get("/api/v1/namespaces/default/services/web").body()).path("spec");

    assertTrue(spec.path("clusterIP").asText().startsWith("10.0."), spec.toString());
    JsonNode port = spec.path("ports").get(0);
    assertEquals("TCP", port.path("protocol").asText());
    assertEquals(80, port.path("targetPort").asInt());
    assertTrue(port.path("nodePort").asInt() >= 30000, port.toString());
    assertTrue(port.path("nodePort").asInt() <= 32767, port.toString());
  }

  @Test
  void deletingNamespaceDeletesItsObjects() {
    applier.apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: team-a}
        """,
        "test");

    clients.send("DELETE", "/api/v1/namespaces/team-a", null, null, true);

    assertEquals(404, clients.get("/api/v1/namespaces/team-a/configmaps/settings").statusCode());
  }

  @Test
  void deletingOwnerDeletesDependents() {
    createOwnerAndDependent();

    clients.send("DELETE", "/api/v1/namespaces/default/configmaps/owner", null, null, true);

    assertEquals(404, clients.get("/api/v1/namespaces/default/configmaps/dependent").statusCode());
  }

  @Test
  void orphaningDeleteKeepsDependents() {
    createOwnerAndDependent();

    clients.send(
        "DELETE",
        "/api/v1/namespaces/default/configmaps/owner",
        "application/json",
        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}",
        true);

    JsonNode dependent =
        Json.parse(clients.get("/api/v1/namespaces/default/configmaps/dependent").body());
    assertEquals("dependent", dependent.path("metadata").path("name").asText());
    assertEquals(0, dependent.path("metadata").path("ownerReferences").size());
  }

  private void createOwnerAndDependent() {
    applier.apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: owner, namespace: default}
        """,
        "test");
    String uid =
        Json.parse(clients.get("/api/v1/namespaces/default/configmaps/owner").body())
            .path("metadata")
            .path("uid")
            .asText();
    applier.apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: dependent
          namespace: default
          ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: %s}]
        """
            .formatted(uid),
        "test");
  }

  private JsonNode status(String path) {
    return Json.parse(clients.get(path).body()).path("status");
  }

  static JsonNode condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    throw new AssertionError("no condition " + type + " in " + status);
  }

  private static String deployment(int replicas) {
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: default}
    spec:
      replicas: %d
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: nginx}]
    """
        .formatted(replicas);
  }
}
