package dev.provisioner.provider.knative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.Values;
import dev.provisioner.provider.kubernetes.CommonFields;
import dev.provisioner.provider.kubernetes.Fixtures;
import dev.provisioner.provider.kubernetes.TestRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan-time rules of {@code knative.serving}, planned against a cluster still to be created so
 * that nothing is contacted.
 */
class ServingPlanRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path stackDirectory;

  private final ServingType serving = new ServingType();

  private static ObjectNode properties() {
    ObjectNode properties = JSON.createObjectNode();
    ObjectNode cluster = properties.putObject("cluster");
    cluster.put("address", "aks");
    cluster.set("kubeconfig", Values.unknown());
    properties.put("version", "1.15.2");
    properties.put("ingress", "istio");
    properties.put("hpa", false);
    return properties;
  }

  private TestRun run() {
    return new TestRun(stackDirectory, Optional.of(Fixtures.mirror()), Duration.ofSeconds(5));
  }

  @Test
  void planBeforeClusterExistsContactsNothing() throws Exception {
    try (TestRun run = run()) {
      ObjectNode planned = serving.plan(run.context("knative"), properties(), Optional.empty());

      assertTrue(Values.isUnknown(planned.get(CommonFields.OBJECT_DIGESTS)));
      assertTrue(Values.isUnknown(planned.get(CommonFields.INVENTORY)));
      assertTrue(Values.isUnknown(planned.get("ingressAddress")));
    }
  }

  @Test
  void aksIstioAddOnIsRejected() throws Exception {
    ObjectNode properties = properties();
    ((ObjectNode) properties.get("cluster"))
        .putObject("serviceMesh")
        .putObject("istio")
        .putArray("revisions")
        .add("asm-1-23");

    try (TestRun run = run()) {
      ProviderException error =
          assertThrows(
              ProviderException.class,
              () -> serving.plan(run.context("knative"), properties, Optional.empty()));

      assertEquals("UnsupportedMesh", error.code());
      assertTrue(error.getMessage().contains("istio.install"), error.getMessage());
    }
  }

  @Test
  void skippingMinorVersionIsRejected() throws Exception {
    ObjectNode prior = properties();
    prior.put("version", "1.13.4");

    try (TestRun run = run()) {
      ProviderException error =
          assertThrows(
              ProviderException.class,
              () -> serving.plan(run.context("knative"), properties(), Optional.of(prior)));

      assertEquals("UnsupportedUpgrade", error.code());
      assertTrue(error.getMessage().contains("apply 1.14.x first"), error.getMessage());
    }
  }

  @Test
  void nextMinorVersionIsPlanned() throws Exception {
    ObjectNode prior = properties();
    prior.put("version", "1.14.3");
    prior.put("postInstallVersion", "1.14.3");

    try (TestRun run = run()) {
      ObjectNode planned = serving.plan(run.context("knative"), properties(), Optional.of(prior));

      assertEquals("1.15.2", planned.get("version").asText());
      assertTrue(Values.isUnknown(planned.get("postInstallVersion")));
    }
  }

  @Test
  void configForMissingConfigMapNamesKnownOnes() throws Exception {
    ObjectNode properties = properties();
    properties.putObject("config").putObject("autoscalr").put("enable-scale-to-zero", "false");

    try (TestRun run = run()) {
      ProviderException error =
          assertThrows(
              ProviderException.class,
              () -> serving.plan(run.context("knative"), properties, Optional.empty()));

      assertEquals("UnknownConfigMap", error.code());
      assertTrue(error.getMessage().contains("config-autoscalr"), error.getMessage());
      assertTrue(error.getMessage().contains("autoscaler"), error.getMessage());
    }
  }

  @Test
  void hpaAddsTheAutoscalerExtension() throws Exception {
    ObjectNode prior = properties();
    ObjectNode properties = properties();
    properties.put("hpa", true);

    try (TestRun run = run()) {
      // With a prior state the digests are planned even before the cluster can be contacted.
      ObjectNode planned = serving.plan(run.context("knative"), properties, Optional.of(prior));

      assertTrue(
          planned
              .get(CommonFields.OBJECT_DIGESTS)
              .has("Deployment.apps/knative-serving/autoscaler-hpa"));
      assertTrue(
          serving.releaseManifests(properties).stream()
              .anyMatch(file -> file.file().equals("serving-hpa.yaml")));
    }
  }
}
