package dev.provisioner.provider.kubernetes;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of one resource's apply.
 *
 * @param owner value of the owner annotation, {@code <stack>/<address>}
 * @param force whether to take over fields other field managers own
 * @param waitForReady whether to wait for applied objects to be ready
 * @param timeout longest wait for readiness, deletion and CRDs
 */
public record ApplyOptions(String owner, boolean force, boolean waitForReady, Duration timeout) {

  public ApplyOptions {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(timeout, "timeout");
  }
}
