package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds {@code status.conditions} lists. A condition keeps its {@code lastTransitionTime} while
 * its status stays the same, as controllers do, so writing the same state twice changes nothing.
 */
final class Conditions {

  private final JsonNode previous;
  private final ArrayNode conditions = Json.MAPPER.createArrayNode();
  private final boolean withUpdateTime;

  private Conditions(JsonNode previousStatus, boolean withUpdateTime) {
    this.previous = previousStatus == null ? Json.object() : previousStatus.path("conditions");
    this.withUpdateTime = withUpdateTime;
  }

  /** Conditions with {@code lastTransitionTime} only, as most types have. */
  static Conditions after(JsonNode previousStatus) {
    return new Conditions(previousStatus, false);
  }

  /** Conditions that also carry {@code lastUpdateTime}, as Deployment conditions do. */
  static Conditions withUpdateTimeAfter(JsonNode previousStatus) {
    return new Conditions(previousStatus, true);
  }

  Conditions add(String type, String status, String reason, String message) {
    ObjectNode condition = conditions.addObject();
    condition.put("type", type);
    condition.put("status", status);
    String time = previousTime(type, status).orElse(now());
    if (withUpdateTime) {
      condition.put("lastUpdateTime", time);
    }
    condition.put("lastTransitionTime", time);
    if (reason != null) {
      condition.put("reason", reason);
    }
    if (message != null) {
      condition.put("message", message);
    }
    return this;
  }

  ArrayNode build() {
    return conditions;
  }

  private java.util.Optional<String> previousTime(String type, String status) {
    for (JsonNode condition : previous) {
      if (condition.path("type").asText().equals(type)
          && condition.path("status").asText().equals(status)) {
        return java.util.Optional.of(condition.path("lastTransitionTime").asText(now()));
      }
    }
    return java.util.Optional.empty();
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
