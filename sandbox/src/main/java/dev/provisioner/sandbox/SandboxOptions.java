package dev.provisioner.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a sandbox.
 *
 * @param worldFolder folder holding the world: ARM resources, certificate, token, port and each
 *     cluster's Kubernetes objects
 * @param clusterHost serves each AKS cluster's Kubernetes API; the running sandbox closes it
 * @param synchronous answer writes at once with terminal states (fast runs) instead of
 *     {@code Azure-AsyncOperation} operations
 * @param operationDuration how long an operation stays {@code InProgress}; zero (the default)
 *     completes it on the first poll
 * @param faults injected faults and latency; tests may change them while the sandbox runs
 */
public record SandboxOptions(
    Path worldFolder,
    ClusterHost clusterHost,
    boolean synchronous,
    Duration operationDuration,
    FaultRules faults) {

  /** The world folder used when none is given, relative to the working directory. */
  public static final Path DEFAULT_WORLD_FOLDER = Path.of(".provisioner", "sandbox");

  public SandboxOptions {
    Objects.requireNonNull(worldFolder, "worldFolder");
    Objects.requireNonNull(clusterHost, "clusterHost");
    Objects.requireNonNull(operationDuration, "operationDuration");
    Objects.requireNonNull(faults, "faults");
    if (operationDuration.isNegative()) {
      throw new IllegalArgumentException(
          "operationDuration must not be negative: " + operationDuration);
    }
  }

  /**
   * Returns options for {@code worldFolder} and {@code clusterHost}: asynchronous operations
   * completed on the first poll, and the faults of {@link FaultRules#fromEnvironment()}.
   */
  public static SandboxOptions of(Path worldFolder, ClusterHost clusterHost) {
    return new SandboxOptions(
        worldFolder, clusterHost, false, Duration.ZERO, FaultRules.fromEnvironment());
  }

  public SandboxOptions withSynchronous(boolean value) {
    return new SandboxOptions(worldFolder, clusterHost, value, operationDuration, faults);
  }

  public SandboxOptions withOperationDuration(Duration value) {
    return new SandboxOptions(worldFolder, clusterHost, synchronous, value, faults);
  }

  public SandboxOptions withFaults(FaultRules value) {
    return new SandboxOptions(worldFolder, clusterHost, synchronous, operationDuration, value);
  }
}
