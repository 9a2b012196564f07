package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterApiServerTest {

  @Test
  void fabric8ClientWorksWithIssuedKubeconfig() {
    try (ClusterApiServer server = ClusterApiServer.start("dev", "1.30.5");
        KubernetesClient client = new ApiClients(server).fabric8()) {

      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
          .create();
      client
          .configMaps()
          .inNamespace("team-a")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("settings")
                  .endMetadata()
                  .withData(Map.of("k", "v"))
                  .build())
          .create();

      assertEquals(
          "v",
          client.configMaps().inNamespace("team-a").withName("settings").get().getData().get("k"));
      assertTrue(server.serverUrl().startsWith("https://127.0.0.1:"));
    }
  }

  @Test
  void fabric8WaitSeesControllerStatus() {
    try (ClusterApiServer server = ClusterApiServer.start("dev", "1.30.5");
        KubernetesClient client = new ApiClients(server).fabric8()) {
      Deployment deployment =
          new DeploymentBuilder()
              .withNewMetadata()
              .withName("web")
              .withNamespace("default")
              .endMetadata()
              .withNewSpec()
              .withReplicas(2)
              .withNewSelector()
              .addToMatchLabels("app", "web")
              .endSelector()
              .withNewTemplate()
              .withNewMetadata()
              .addToLabels("app", "web")
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("web")
              .withImage("nginx")
              .endContainer()
              .endSpec()
              .endTemplate()
              .endSpec()
              .build();

      client.apps().deployments().resource(deployment).serverSideApply();
      Deployment ready =
          client
              .apps()
              .deployments()
              .inNamespace("default")
              .withName("web")
              .waitUntilCondition(
                  d ->
                      d != null
                          && d.getStatus() != null
                          && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()),
                  20,
                  TimeUnit.SECONDS);

      assertEquals(2, ready.getStatus().getAvailableReplicas());
    }
  }

  @Test
  void customResourcesSurviveRestart(@TempDir Path folder) {
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.dev}
        spec:
          group: example.dev
          names: {kind: Widget, plural: widgets, singular: widget}
          scope: Namespaced
          versions:
          - {name: v1, served: true, storage: true, \
        schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
        ---
        apiVersion: example.dev/v1
        kind: Widget
        metadata: {name: w1, namespace: default}
        spec: {size: 3}
        """;
    try (ClusterApiServer server = ClusterApiServer.start(folder, "dev", "1.30.5")) {
      ManifestApplier applier = new ManifestApplier(new ApiClients(server));
      applier.apply(crd.substring(0, crd.indexOf("---")), "test");
      applier.apply(crd.substring(crd.indexOf("---")), "test");
    }

    try (ClusterApiServer restarted = ClusterApiServer.start(folder, "dev", "1.30.5")) {
      ApiClients clients = new ApiClients(restarted);

      HttpResponse<String> widget =
          clients.get("/apis/example.dev/v1/namespaces/default/widgets/w1");
      assertEquals(200, widget.statusCode(), widget.body());
      assertTrue(clients.get("/apis/example.dev/v1").body().contains("\"kind\":\"Widget\""));
    }
  }

  @Test
  void takenPortFallsBackToNewPort(@TempDir Path folder) throws Exception {
    int port;
    try (ClusterApiServer server = ClusterApiServer.start(folder, "dev", "1.30.5")) {
      port = server.port();
    }

    try (java.net.ServerSocket squatter =
            new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"));
        ClusterApiServer restarted = ClusterApiServer.start(folder, "dev", "1.30.5")) {

      assertTrue(restarted.port() != port);
      assertEquals(200, new ApiClients(restarted).get("/api/v1/namespaces").statusCode());
    }
  }

  @Test
  void requestWithoutTokenIsUnauthorized() {
    try (ClusterApiServer server = ClusterApiServer.start("dev", "1.30.5")) {
      ApiClients clients = new ApiClients(server);

      HttpResponse<String> response = clients.send("GET", "/api/v1/namespaces", null, null, false);

      assertEquals(401, response.statusCode());
      assertTrue(response.body().contains("\"reason\":\"Unauthorized\""), response.body());
    }
  }

  @Test
  void objectsAndCredentialsSurviveRestart(@TempDir Path folder) {
    String kubeconfig;
    int port;
    try (ClusterApiServer server = ClusterApiServer.start(folder, "dev", "1.30.5");
        KubernetesClient client = new ApiClients(server).fabric8()) {
      client
          .configMaps()
          .inNamespace("default")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("kept")
                  .endMetadata()
                  .withData(Map.of("k", "v"))
                  .build())
          .create();
      kubeconfig = server.kubeconfig();
      port = server.port();
    }

    try (ClusterApiServer restarted = ClusterApiServer.start(folder, "dev", "1.30.5");
        KubernetesClient client = new ApiClients(restarted).fabric8()) {

      assertEquals(port, restarted.port());
      assertEquals(kubeconfig, restarted.kubeconfig());
      assertEquals(
          "v",
          client.configMaps().inNamespace("default").withName("kept").get().getData().get("k"));
    }
  }

  @Test
  void storedSecretsAreOwnerOnly(@TempDir Path folder) throws Exception {
    try (ClusterApiServer server = ClusterApiServer.start(folder, "dev", "1.30.5");
        KubernetesClient client = new ApiClients(server).fabric8()) {
      client
          .secrets()
          .inNamespace("default")
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("db")
                  .endMetadata()
                  .withStringData(Map.of("password", "Hunter2"))
                  .build())
          .create();
    }

    List<Path> written;
    try (Stream<Path> files = Files.list(folder)) {
      written = files.filter(Files::isRegularFile).toList();
    }
    assertTrue(written.contains(folder.resolve("objects.json")), written.toString());
    for (Path file : written) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }
  }
}
