package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterApiServerTest {

  @Test
  void fabric8ClientWorksWithIssuedKubeconfig() {
    try (ClusterApiServer server = ClusterApiServer.start("dev", "1.30.5");
        KubernetesClient client = new ApiClients(server).fabric8()) {

      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
          .create();
      client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("settings").endMetadata().withData(Map.of("k", "v")).build()).create();

      assertEquals("v", client.configMaps().inNamespace("team-a").withName("settings").get().getData().get("k"));
      assertTrue(server.serverUrl().startsWith("https://127.0.0.1:"));
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
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("kept").endMetadata().withData(Map.of("k", "v")).build()).create();
      kubeconfig = server.kubeconfig();
      port = server.port();
    }

    try (ClusterApiServer restarted = ClusterApiServer.start(folder, "dev", "1.30.5");
        KubernetesClient client = new ApiClients(restarted).fabric8()) {

      assertEquals(port, restarted.port());
      assertEquals(kubeconfig, restarted.kubeconfig());
      assertEquals("v", client.configMaps().inNamespace("default").withName("kept").get().getData().get("k"));
    }
  }
}
