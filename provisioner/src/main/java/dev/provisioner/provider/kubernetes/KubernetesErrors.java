package dev.provisioner.provider.kubernetes;

import dev.provisioner.provider.ProviderException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns fabric8 failures into provider errors that keep the Kubernetes status reason. */
final class KubernetesErrors {

  private KubernetesErrors() {}

  /**
   * Wraps {@code failure} with the step that failed. The code is the status reason (for example
   * {@code Conflict}, {@code NotFound}, {@code Invalid}) when the API returned one.
   */
  static ProviderException wrap(String step, KubernetesClientException failure) {
    Status status = failure.getStatus();
    String reason = status == null ? null : status.getReason();
    String message = status == null ? null : status.getMessage();
    String code =
        reason != null && !reason.isBlank()
            ? reason
            : failure.getCode() > 0 ? "HTTP" + failure.getCode() : "KubernetesRequestFailed";
    String detail = message != null && !message.isBlank() ? message : failure.getMessage();
    return new ProviderException(code, step + ": " + code + ": " + detail, failure);
  }
}
