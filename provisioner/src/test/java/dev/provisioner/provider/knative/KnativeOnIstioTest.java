package dev.provisioner.provider.knative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.Values;
import dev.provisioner.provider.istio.IstioInstallType;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.CommonFields;
import dev.provisioner.provider.kubernetes.Fixtures;
import dev.provisioner.provider.kubernetes.TestRun;
import dev.provisioner.sandbox.kube.ClusterApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Istio 1.22.2 and Knative Serving 1.15.2 from the real release manifests, installed, refreshed,
 * changed and destroyed on one sandbox cluster, step by step as a stack's runs would do it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnativeOnIstioTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path stackDirectory;

  private static ClusterApiServer server;
  private static final IstioInstallType istio = new IstioInstallType();
  private static final ServingType serving = new ServingType();
  private static final ServiceType service = new ServiceType();

  /** Attributes recorded after each step, as state would hold them. */
  private static ObjectNode istioState;
  private static ObjectNode servingState;
  private static ObjectNode helloState;

  @BeforeAll
  static void startCluster() {
    server = ClusterApiServer.start("knative-test", "1.30.0");
  }

  @AfterAll
  static void stopCluster() {
    server.close();
  }

  private static TestRun newRun() {
    return new TestRun(stackDirectory, Optional.of(Fixtures.mirror()), Duration.ofMinutes(2));
  }

  private static ObjectNode cluster() {
    ObjectNode cluster = JSON.createObjectNode();
    cluster.put("address", "aks");
    cluster.put("kubeconfig", server.kubeconfig());
    return cluster;
  }

  private static ObjectNode istioProperties() {
    ObjectNode properties = JSON.createObjectNode();
    properties.set("cluster", cluster());
    properties.put("version", "1.22.2");
    return properties;
  }

  private static ObjectNode servingProperties(String scaleToZeroGrace) {
    ObjectNode properties = JSON.createObjectNode();
    properties.set("cluster", cluster());
    properties.put("version", "1.15.2");
    properties.put("ingress", "istio");
    properties.put("domain", "apps.example.com");
    properties.put("hpa", false);
    properties
        .putObject("config")
        .putObject("autoscaler")
        .put("scale-to-zero-grace-period", scaleToZeroGrace);
    return properties;
  }

  private static ObjectNode helloProperties(String image) {
    ObjectNode properties = JSON.createObjectNode();
    properties.set("cluster", cluster());
    properties.put("namespace", "apps");
    properties.put("createNamespace", true);
    properties.put("name", "hello");
    properties.put("image", image);
    properties.putObject("env").put("TARGET", "World");
    properties.putObject("scale").put("min", 0).put("max", 10).put("target", 100);
    properties.put("visibility", "external");
    return properties;
  }

  private static Map<String, String> configMapVersions(ClusterConnection connection) {
    Map<String, String> versions = new HashMap<>();
    for (ConfigMap configMap :
        connection.client().configMaps().inNamespace("knative-serving").list().getItems()) {
      versions.put(configMap.getMetadata().getName(), configMap.getMetadata().getResourceVersion());
    }
    return versions;
  }

  private static int changedDigests(JsonNode before, JsonNode after) {
    int changed = 0;
    Iterator<String> keys = after.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!after.get(key).equals(before.get(key))) {
        changed++;
      }
    }
    return changed;
  }

  @Test
  @Order(0)
  void servicePlansBeforeKnativeIsInstalled() throws Exception {
    try (TestRun run = newRun()) {
      ObjectNode planned =
          service.plan(
              run.context("hello"),
              helloProperties("ghcr.io/knative/helloworld-go:v1"),
              Optional.empty());

      JsonNode digest =
          planned.get(CommonFields.OBJECT_DIGESTS).get("Service.serving.knative.dev/apps/hello");
      assertTrue(digest.isTextual(), String.valueOf(digest));
      assertTrue(Values.isUnknown(planned.get("url")));
      assertTrue(planned.get(CommonFields.OBJECT_DIGESTS).get("Namespace/apps").isTextual());
    }
  }

  @Test
  @Order(1)
  void istioAndKnativeInstallFromEmpty() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext istioContext = run.context("istio");
      OperationContext servingContext = run.context("knative");
      ObjectNode istioPlan = istio.plan(istioContext, istioProperties(), Optional.empty());
      // Knative's Istio layer applies Istio Gateways: planned after istio, their CRDs are known.
      ObjectNode servingPlan =
          serving.plan(servingContext, servingProperties("30s"), Optional.empty());

      istioState = istio.create(istioContext, istioPlan);
      servingState = serving.create(servingContext, servingPlan);

      assertEquals(39, istioState.get(CommonFields.INVENTORY).size());
      assertEquals(72, servingState.get(CommonFields.INVENTORY).size());
      assertEquals("1.15.2", servingState.get("postInstallVersion").asText());
      assertFalse(servingState.get("ingressAddress").asText().isEmpty());
    }
  }

  @Test
  @Order(2)
  void secondPlanShowsNoChanges() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext istioContext = run.context("istio");
      OperationContext servingContext = run.context("knative");

      ObjectNode istioRefreshed = istio.read(istioContext, istioState).orElseThrow();
      ObjectNode servingRefreshed = serving.read(servingContext, servingState).orElseThrow();
      ObjectNode istioPlan =
          istio.plan(istioContext, istioProperties(), Optional.of(istioRefreshed));
      ObjectNode servingPlan =
          serving.plan(servingContext, servingProperties("30s"), Optional.of(servingRefreshed));

      assertEquals(
          istioRefreshed.get(CommonFields.OBJECT_DIGESTS),
          istioPlan.get(CommonFields.OBJECT_DIGESTS));
      assertEquals(
          istioRefreshed.get(CommonFields.INVENTORY), istioPlan.get(CommonFields.INVENTORY));
      assertEquals(
          servingRefreshed.get(CommonFields.OBJECT_DIGESTS),
          servingPlan.get(CommonFields.OBJECT_DIGESTS));
      assertEquals(
          servingRefreshed.get(CommonFields.INVENTORY), servingPlan.get(CommonFields.INVENTORY));
      assertEquals(servingRefreshed.get("ingressAddress"), servingPlan.get("ingressAddress"));
      assertEquals(
          servingRefreshed.get("postInstallVersion"), servingPlan.get("postInstallVersion"));
      istioState = istioRefreshed;
      servingState = servingRefreshed;
    }
  }

  /**
   * Counts the requests of a no-change refresh of the whole install; docs/benchmarks.md records
   * the figure this prints.
   */
  @Test
  @Order(3)
  void refreshListsEachKindAndNamespaceOnce() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext istioContext = run.context("istio");
      OperationContext servingContext = run.context("knative");
      ClusterConnection connection = ClusterConnection.of(istioContext, cluster());
      Set<String> kindsAndNamespaces = new HashSet<>();
      int objects = 0;
      for (ObjectNode state : List.of(istioState, servingState)) {
        for (JsonNode entry : state.get(CommonFields.INVENTORY)) {
          kindsAndNamespaces.add(
              entry.get("group").asText()
                  + "/"
                  + entry.get("plural").asText()
                  + "/"
                  + entry.get("namespace").asText());
          objects++;
        }
      }
      long before = connection.requestCount();

      istio.read(istioContext, istioState).orElseThrow();
      serving.read(servingContext, servingState).orElseThrow();

      long requests = connection.requestCount() - before;
      System.out.printf(
          "Kubernetes refresh: %d objects, %d kind/namespace pairs, %d requests%n",
          objects, kindsAndNamespaces.size(), requests);
      // One list per kind and namespace, plus one read of the ingress gateway Service.
      assertEquals(kindsAndNamespaces.size() + 1, requests);
    }
  }

  @Test
  @Order(4)
  void configChangeUpdatesOneConfigMap() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext context = run.context("knative");
      ClusterConnection connection = ClusterConnection.of(context, cluster());
      Map<String, String> before = configMapVersions(connection);
      int jobsBefore = servingJobCount(connection);
      ObjectNode refreshed = serving.read(context, servingState).orElseThrow();

      ObjectNode planned = serving.plan(context, servingProperties("45s"), Optional.of(refreshed));
      servingState = serving.update(context, refreshed, planned);

      assertEquals(2, jobsBefore, "the post-install jobs ran once at install");
      assertEquals(
          jobsBefore,
          servingJobCount(connection),
          "the post-install jobs do not run again for the same version");
      assertEquals(
          1,
          changedDigests(
              refreshed.get(CommonFields.OBJECT_DIGESTS),
              planned.get(CommonFields.OBJECT_DIGESTS)));
      Map<String, String> after = configMapVersions(connection);
      for (Map.Entry<String, String> entry : before.entrySet()) {
        if (entry.getKey().equals("config-autoscaler")) {
          assertNotEquals(entry.getValue(), after.get(entry.getKey()), entry.getKey());
        } else {
          assertEquals(entry.getValue(), after.get(entry.getKey()), entry.getKey());
        }
      }
      assertEquals(
          "45s",
          connection
              .client()
              .configMaps()
              .inNamespace("knative-serving")
              .withName("config-autoscaler")
              .get()
              .getData()
              .get("scale-to-zero-grace-period"));
    }
  }

  @Test
  @Order(5)
  void serviceDeploysAndGetsUrl() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext context = run.context("hello");
      ObjectNode planned =
          service.plan(
              context, helloProperties("ghcr.io/knative/helloworld-go:v1"), Optional.empty());

      helloState = service.create(context, planned);

      assertEquals("http://hello.apps.apps.example.com", helloState.get("url").asText());
      assertFalse(helloState.get("latestReadyRevision").asText().isEmpty());
    }
  }

  @Test
  @Order(6)
  void imageChangeMakesNewRevision() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext context = run.context("hello");
      ObjectNode refreshed = service.read(context, helloState).orElseThrow();
      String revision = refreshed.get("latestReadyRevision").asText();

      ObjectNode planned =
          service.plan(
              context, helloProperties("ghcr.io/knative/helloworld-go:v2"), Optional.of(refreshed));
      helloState = service.update(context, refreshed, planned);

      assertNotEquals(revision, helloState.get("latestReadyRevision").asText());
      assertEquals(refreshed.get("url"), helloState.get("url"));
    }
  }

  @Test
  @Order(7)
  void trafficSplitAndClusterLocalVisibility() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext context = run.context("hello");
      ObjectNode refreshed = service.read(context, helloState).orElseThrow();
      String latest = refreshed.get("latestReadyRevision").asText();
      ObjectNode properties = helloProperties("ghcr.io/knative/helloworld-go:v2");
      properties.put("visibility", "cluster-local");
      properties
          .putArray("traffic")
          .add(JSON.createObjectNode().put("latestRevision", true).put("percent", 80))
          .add(
              JSON.createObjectNode()
                  .put("revisionName", latest)
                  .put("percent", 20)
                  .put("tag", "pinned"));

      helloState =
          service.update(
              context, refreshed, service.plan(context, properties, Optional.of(refreshed)));

      ClusterConnection connection = ClusterConnection.of(context, cluster());
      var live =
          connection
              .client()
              .genericKubernetesResources("serving.knative.dev/v1", "Service")
              .inNamespace("apps")
              .withName("hello")
              .get();
      @SuppressWarnings("unchecked")
      var spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
      assertEquals(2, ((List<?>) spec.get("traffic")).size());
      assertEquals(
          "cluster-local", live.getMetadata().getLabels().get("networking.knative.dev/visibility"));
      assertEquals("http://hello.apps.svc.cluster.local", helloState.get("url").asText());
    }
  }

  @Test
  @Order(8)
  void destroyInReverseOrderLeavesNothing() throws Exception {
    try (TestRun run = newRun()) {
      OperationContext helloContext = run.context("hello");
      OperationContext servingContext = run.context("knative");
      OperationContext istioContext = run.context("istio");

      service.delete(helloContext, helloState);
      serving.delete(servingContext, servingState);
      istio.delete(istioContext, istioState);

      assertTrue(service.read(helloContext, helloState).isEmpty());
      assertTrue(serving.read(servingContext, servingState).isEmpty());
      assertTrue(istio.read(istioContext, istioState).isEmpty());
      ClusterConnection connection = ClusterConnection.of(istioContext, cluster());
      for (String namespace : List.of("apps", "knative-serving", "istio-system")) {
        assertEquals(null, connection.client().namespaces().withName(namespace).get(), namespace);
      }
      assertEquals(
          0,
          connection
              .client()
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .list()
              .getItems()
              .size());
    }
  }

  private static int servingJobCount(ClusterConnection connection) {
    var jobs = connection.client().batch().v1().jobs().inNamespace("knative-serving");
    return jobs.list().getItems().size();
  }
}
