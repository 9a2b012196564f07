package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.provisioner.provider.ProviderException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static Optional<String> check(String group, String kind, String yaml) throws Exception {
    JsonNode live = YAML.readTree(yaml);
    return Readiness.notReady(group, kind, live);
  }

  @Test
  void deploymentRolledOutIsReady() throws Exception {
    Optional<String> reason =
        check(
            "apps",
            "Deployment",
            "{metadata: {generation: 2}, spec: {replicas: 2},"
                + " status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2,"
                + " availableReplicas: 2}}");

    assertTrue(reason.isEmpty());
  }

  @Test
  void deploymentWithOldGenerationIsNotReady() throws Exception {
    Optional<String> reason =
        check(
            "apps",
            "Deployment",
            "{metadata: {generation: 3}, spec: {replicas: 1},"
                + " status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1,"
                + " availableReplicas: 1}}");

    assertTrue(reason.orElseThrow().contains("generation 3"), reason.toString());
  }

  @Test
  void deploymentWithUnavailableReplicasSaysWhy() throws Exception {
    Optional<String> reason =
        check(
            "apps",
            "Deployment",
            """
            metadata: {generation: 1}
            spec: {replicas: 2}
            status:
              observedGeneration: 1
              replicas: 2
              updatedReplicas: 2
              availableReplicas: 1
              conditions:
              - {type: Available, status: "False", reason: MinimumReplicasUnavailable,
                 message: Deployment does not have minimum availability.}
            """);

    assertEquals(
        "1 of 2 updated replicas available (Available=False: MinimumReplicasUnavailable:"
            + " Deployment does not have minimum availability.)",
        reason.orElseThrow());
  }

  @Test
  void failedJobFailsTheWait() {
    ProviderException error =
        assertThrows(
            ProviderException.class,
            () ->
                check(
                    "batch",
                    "Job",
                    "{metadata: {name: migrate, namespace: ns},"
                        + " status: {conditions: [{type: Failed, status: 'True',"
                        + " reason: BackoffLimitExceeded}]}}"));

    assertEquals("JobFailed", error.code());
    assertTrue(error.getMessage().contains("ns/migrate"), error.getMessage());
  }

  @Test
  void crdNeedsEstablished() throws Exception {
    Optional<String> reason =
        check(
            "apiextensions.k8s.io",
            "CustomResourceDefinition",
            "{status: {conditions: [{type: NamesAccepted, status: 'True'}]}}");

    assertEquals("no Established condition yet", reason.orElseThrow());
  }

  @Test
  void objectWithoutConditionsIsReady() throws Exception {
    assertTrue(check("networking.istio.io", "Gateway", "{spec: {}}").isEmpty());
  }

  @Test
  void knativeServiceNeedsReadyCondition() throws Exception {
    Optional<String> reason = check("serving.knative.dev", "Service", "{spec: {}}");

    assertEquals("no Ready condition yet", reason.orElseThrow());
  }
}
