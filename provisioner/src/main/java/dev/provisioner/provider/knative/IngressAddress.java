package dev.provisioner.provider.knative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.ClusterObjects;
import dev.provisioner.provider.kubernetes.ResourceKind;
import java.time.Duration;
import java.util.Optional;

/**
 * The external address of the Istio ingress gateway that Knative's Istio layer routes through:
 * the load-balancer IP (or host name) of Service {@code istio-system/istio-ingressgateway}.
 */
final class IngressAddress {

  private static final ResourceKind SERVICE =
      new ResourceKind("", "v1", "Service", "services", true);
  private static final String NAMESPACE = "istio-system";
  private static final String NAME = "istio-ingressgateway";

  private IngressAddress() {}

  /** Returns the address, or empty while the load balancer has none. */
  static Optional<String> read(ClusterConnection cluster) {
    Optional<ObjectNode> service = new ClusterObjects(cluster).get(SERVICE, NAMESPACE, NAME);
    if (service.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode ingress : service.get().path("status").path("loadBalancer").path("ingress")) {
      if (!ingress.path("ip").asText("").isEmpty()) {
        return Optional.of(ingress.path("ip").asText());
      }
      if (!ingress.path("hostname").asText("").isEmpty()) {
        return Optional.of(ingress.path("hostname").asText());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the address, waiting for the load balancer up to {@code timeout} when
   * {@code wait} is set; without waiting, an address not assigned yet is the empty string.
   */
  static String await(
      ClusterConnection cluster, OperationContext context, boolean wait, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long interval = 100;
    boolean reported = false;
    while (true) {
      Optional<String> address = read(cluster);
      if (address.isPresent()) {
        return address.get();
      }
      if (!wait) {
        return "";
      }
      if (System.nanoTime() > deadline || context.isCancelled()) {
        throw new ProviderException(
            "Timeout",
            "Service "
                + NAMESPACE
                + "/"
                + NAME
                + " has no load-balancer address after "
                + timeout.toSeconds()
                + "s; check that Istio is installed (istio.install) and that the cluster can"
                + " provision load balancers");
      }
      if (!reported) {
        context.progress("waiting for the Istio ingress gateway's load-balancer address");
        reported = true;
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException("Interrupted", "interrupted while waiting for " + NAME);
      }
      interval = Math.min(interval * 2, 2000);
    }
  }
}
