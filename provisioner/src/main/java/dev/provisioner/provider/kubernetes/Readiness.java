package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.provider.ProviderException;
import java.util.Optional;

/**
 * Decides whether a live object is ready, with the rules {@code kubectl rollout status} and
 * {@code kubectl wait} apply: Deployments, StatefulSets and DaemonSets rolled out, Jobs complete,
 * CRDs Established, other objects' {@code Ready} condition True when they have one. Knative
 * Serving's own kinds must have one: their controller may not have written status yet.
 */
public final class Readiness {

  private Readiness() {}

  /**
   * Returns why {@code live} is not ready yet, or empty when it is.
   *
   * @throws ProviderException when the object failed for good (a Job with condition Failed)
   */
  public static Optional<String> notReady(String group, String kind, JsonNode live) {
    JsonNode status = live.path("status");
    long generation = live.path("metadata").path("generation").asLong(0);
    if (status.has("observedGeneration")
        && status.path("observedGeneration").asLong() < generation) {
      return Optional.of("the controller has not observed generation " + generation + " yet");
    }
    if (group.equals("apps") && kind.equals("Deployment")) {
      return deployment(live, status);
    }
    if (group.equals("apps") && kind.equals("StatefulSet")) {
      return statefulSet(live, status);
    }
    if (group.equals("apps") && kind.equals("DaemonSet")) {
      return daemonSet(status);
    }
    if (group.equals("batch") && kind.equals("Job")) {
      return job(live, status);
    }
    if (group.equals("apiextensions.k8s.io") && kind.equals("CustomResourceDefinition")) {
      return conditionTrue(status, "Established");
    }
    if (condition(status, "Ready").isPresent() || group.equals("serving.knative.dev")) {
      return conditionTrue(status, "Ready");
    }
    return Optional.empty();
  }

  private static Optional<String> deployment(JsonNode live, JsonNode status) {
    if (!status.has("observedGeneration")) {
      return Optional.of("the deployment controller has not reported status yet");
    }
    long replicas = live.path("spec").path("replicas").asLong(1);
    long updated = status.path("updatedReplicas").asLong(0);
    long available = status.path("availableReplicas").asLong(0);
    long total = status.path("replicas").asLong(0);
    if (updated < replicas) {
      return Optional.of(updated + " of " + replicas + " replicas updated" + lastMessage(status));
    }
    if (total > updated) {
      return Optional.of((total - updated) + " old replicas pending termination");
    }
    if (available < updated) {
      return Optional.of(
          available + " of " + updated + " updated replicas available" + lastMessage(status));
    }
    return Optional.empty();
  }

  private static Optional<String> statefulSet(JsonNode live, JsonNode status) {
    if (!status.has("observedGeneration")) {
      return Optional.of("the statefulset controller has not reported status yet");
    }
    long replicas = live.path("spec").path("replicas").asLong(1);
    long ready = status.path("readyReplicas").asLong(0);
    long updated = status.path("updatedReplicas").asLong(0);
    if (ready < replicas || updated < replicas) {
      return Optional.of(ready + " of " + replicas + " replicas ready, " + updated + " updated");
    }
    return Optional.empty();
  }

  private static Optional<String> daemonSet(JsonNode status) {
    if (!status.has("observedGeneration")) {
      return Optional.of("the daemonset controller has not reported status yet");
    }
    long desired = status.path("desiredNumberScheduled").asLong(0);
    long updated = status.path("updatedNumberScheduled").asLong(0);
    long available = status.path("numberAvailable").asLong(0);
    if (updated < desired || available < desired) {
      return Optional.of(available + " of " + desired + " pods available, " + updated + " updated");
    }
    return Optional.empty();
  }

  private static Optional<String> job(JsonNode live, JsonNode status) {
    Optional<JsonNode> failed = condition(status, "Failed");
    if (failed.isPresent() && failed.get().path("status").asText().equals("True")) {
      throw new ProviderException(
          "JobFailed",
          "Job "
              + live.path("metadata").path("namespace").asText()
              + "/"
              + live.path("metadata").path("name").asText()
              + " failed: "
              + describe(failed.get())
              + " (see its pods' logs)");
    }
    return conditionTrue(status, "Complete");
  }

  private static Optional<String> conditionTrue(JsonNode status, String type) {
    Optional<JsonNode> condition = condition(status, type);
    if (condition.isEmpty()) {
      return Optional.of("no " + type + " condition yet");
    }
    if (condition.get().path("status").asText().equals("True")) {
      return Optional.empty();
    }
    return Optional.of(describe(condition.get()));
  }

  private static Optional<JsonNode> condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  /** Returns {@code Type=Status: Reason: message} for a condition, leaving out empty parts. */
  private static String describe(JsonNode condition) {
    StringBuilder text =
        new StringBuilder(condition.path("type").asText())
            .append('=')
            .append(condition.path("status").asText());
    if (!condition.path("reason").asText().isEmpty()) {
      text.append(": ").append(condition.path("reason").asText());
    }
    if (!condition.path("message").asText().isEmpty()) {
      text.append(": ").append(condition.path("message").asText());
    }
    return text.toString();
  }

  /** Returns the message of the first condition that is not True, for context. */
  private static String lastMessage(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if (!condition.path("status").asText().equals("True")) {
        return " (" + describe(condition) + ")";
      }
    }
    return "";
  }
}
