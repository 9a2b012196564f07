package dev.provisioner.provider.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.CommonFields;
import dev.provisioner.provider.kubernetes.Digests;
import dev.provisioner.provider.kubernetes.TestRun;
import dev.provisioner.sandbox.kube.ClusterApiServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code istio.install} from the user's own rendered manifests, by file and by URL. */
class IstioInstallTypeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A rendered control plane cut down to what the waits and the prune look at. */
  private static final String RENDERED =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: istio-system}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: istio-VERSION, namespace: istio-system}
      data: {mesh: "version VERSION"}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: istiod, namespace: istio-system}
      spec:
        selector: {matchLabels: {app: istiod}}
        template:
          metadata: {labels: {app: istiod}}
          spec: {containers: [{name: discovery, image: "docker.io/istio/pilot:VERSION"}]}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: istio-ingressgateway, namespace: istio-system}
      spec:
        selector: {matchLabels: {app: istio-ingressgateway}}
        template:
          metadata: {labels: {app: istio-ingressgateway}}
          spec: {containers: [{name: istio-proxy, image: "docker.io/istio/proxyv2:VERSION"}]}
      """;

  private static ClusterApiServer server;

  @TempDir Path stackDirectory;

  private final IstioInstallType istio = new IstioInstallType();

  @BeforeAll
  static void startCluster() {
    server = ClusterApiServer.start("istio-test", "1.30.0");
  }

  @AfterAll
  static void stopCluster() {
    server.close();
  }

  private ObjectNode properties(String version, ObjectNode manifest) {
    ObjectNode properties = JSON.createObjectNode();
    properties.putObject("cluster").put("address", "aks").put("kubeconfig", server.kubeconfig());
    properties.put("version", version);
    properties.set("manifest", manifest);
    properties.putObject("wait").put("enabled", false).put("timeout", "30s");
    return properties;
  }

  @Test
  void versionChangeReappliesAndPrunes() throws Exception {
    Files.writeString(stackDirectory.resolve("istio-1.0.yaml"), RENDERED.replace("VERSION", "1.0"));
    Files.writeString(stackDirectory.resolve("istio-1.1.yaml"), RENDERED.replace("VERSION", "1.1"));
    try (TestRun run = new TestRun(stackDirectory, Optional.empty(), Duration.ofSeconds(30))) {
      OperationContext context = run.context("istio");
      ObjectNode first = properties("1.0", JSON.createObjectNode().put("file", "istio-1.0.yaml"));
      ObjectNode created = istio.create(context, istio.plan(context, first, Optional.empty()));
      ObjectNode refreshed = istio.read(context, created).orElseThrow();

      ObjectNode second = properties("1.1", JSON.createObjectNode().put("file", "istio-1.1.yaml"));
      ObjectNode updated =
          istio.update(context, refreshed, istio.plan(context, second, Optional.of(refreshed)));

      ClusterConnection connection = ClusterConnection.of(context, second.get("cluster"));
      assertNull(
          connection.client().configMaps().inNamespace("istio-system").withName("istio-1.0").get());
      assertNotNull(
          connection.client().configMaps().inNamespace("istio-system").withName("istio-1.1").get());
      assertEquals(
          "docker.io/istio/pilot:1.1",
          connection
              .client()
              .apps()
              .deployments()
              .inNamespace("istio-system")
              .withName("istiod")
              .get()
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getImage());
      assertEquals(4, updated.get(CommonFields.INVENTORY).size());
      istio.delete(context, updated);
    }
  }

  @Test
  void manifestByUrlIsVerifiedAndApplied() throws Exception {
    byte[] body = RENDERED.replace("VERSION", "2.0").getBytes(StandardCharsets.UTF_8);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/istio.yaml",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
    try (TestRun run = new TestRun(stackDirectory, Optional.empty(), Duration.ofSeconds(30))) {
      OperationContext context = run.context("istio");
      ObjectNode manifest =
          JSON.createObjectNode()
              .put("url", "http://127.0.0.1:" + http.getAddress().getPort() + "/istio.yaml")
              .put("sha256", Digests.sha256(body));

      ObjectNode created =
          istio.create(context, istio.plan(context, properties("2.0", manifest), Optional.empty()));

      assertEquals(4, created.get(CommonFields.INVENTORY).size());
      istio.delete(context, created);
    } finally {
      http.stop(0);
    }
  }
}
