package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the Deployments that serve a set's admission webhooks: each webhook names a Service, the
 * Service selects pods by labels, and a Deployment whose pod template carries those labels backs
 * it. Only objects of the same set count; webhooks served from elsewhere are another resource's
 * business.
 */
final class WebhookBackends {

  private WebhookBackends() {}

  /** Returns the Deployments of {@code objects} that back the webhooks of {@code objects}. */
  static List<DesiredObject> find(List<DesiredObject> objects) {
    Set<String> services = new LinkedHashSet<>();
    for (DesiredObject object : objects) {
      if (!object.group().equals("admissionregistration.k8s.io")
          || !object.id().kind().endsWith("WebhookConfiguration")) {
        continue;
      }
      for (JsonNode webhook : object.body().path("webhooks")) {
        JsonNode service = webhook.path("clientConfig").path("service");
        if (service.hasNonNull("name")) {
          services.add(service.path("namespace").asText() + "/" + service.path("name").asText());
        }
      }
    }
    Set<DesiredObject> backends = new LinkedHashSet<>();
    for (DesiredObject service : objects) {
      if (!service.group().isEmpty()
          || !service.id().kind().equals("Service")
          || !services.contains(service.id().namespace() + "/" + service.id().name())) {
        continue;
      }
      JsonNode selector = service.body().path("spec").path("selector");
      if (selector.isEmpty()) {
        continue;
      }
      for (DesiredObject deployment : objects) {
        if (deployment.group().equals("apps")
            && deployment.id().kind().equals("Deployment")
            && deployment.id().namespace().equals(service.id().namespace())
            && selects(
                selector,
                deployment.body().path("spec").path("template").path("metadata").path("labels"))) {
          backends.add(deployment);
        }
      }
    }
    return new ArrayList<>(backends);
  }

  private static boolean selects(JsonNode selector, JsonNode labels) {
    Iterator<Map.Entry<String, JsonNode>> fields = selector.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().asText().equals(labels.path(field.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }
}
