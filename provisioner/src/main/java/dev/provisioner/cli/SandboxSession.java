package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.ClusterHost;
import dev.provisioner.sandbox.RunningSandbox;
import dev.provisioner.sandbox.Sandbox;
import dev.provisioner.sandbox.SandboxOptions;
import dev.provisioner.sandbox.kube.KubeClusterHost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox cloud for one CLI run: started when the stack's {@code azure.cloud} is
 * {@code sandbox}, absent otherwise. Its {@link #endpoints()} go into
 * {@code RunSettings.endpoints()}, which is how the Azure provider finds the sandbox; closing the
 * session saves the world and stops the sandbox.
 *
 * <pre>
 * try (SandboxSession sandbox = SandboxSession.start(stack.azure(), workingDirectory)) {
 *   endpoints.putAll(sandbox.endpoints());
 *   // plan or apply
 * }
 * </pre>
 */
public final class SandboxSession implements AutoCloseable {

  /** The {@code azure.cloud} value that selects the sandbox. */
  public static final String SANDBOX_CLOUD = "sandbox";
  /** The world folder inside the run's working directory ({@code .provisioner/}). */
  public static final String WORLD_FOLDER = "sandbox";

  private static final Logger log = LoggerFactory.getLogger(SandboxSession.class);

  private final Optional<RunningSandbox> sandbox;

  private SandboxSession(Optional<RunningSandbox> sandbox) {
    this.sandbox = sandbox;
  }

  /**
   * Starts the sandbox when {@code azure} (the stack's resolved {@code azure} block) selects it,
   * with its world in {@code workingDirectory/sandbox} and every cluster's Kubernetes API served
   * by a {@link KubeClusterHost}. Returns an inactive session for any other cloud.
   *
   * @throws dev.provisioner.sandbox.SandboxException when another process uses the world or it
   *     cannot be served
   */
  public static SandboxSession start(ObjectNode azure, Path workingDirectory) {
    return start(azure, workingDirectory, KubeClusterHost::new);
  }

  /** Starts like {@link #start(ObjectNode, Path)} with clusters served by {@code hosts}. */
  static SandboxSession start(
      ObjectNode azure, Path workingDirectory, Function<Path, ClusterHost> hosts) {
    if (!usesSandbox(azure)) {
      return new SandboxSession(Optional.empty());
    }
    Path world = workingDirectory.resolve(WORLD_FOLDER);
    RunningSandbox running = Sandbox.start(SandboxOptions.of(world, hosts.apply(world)));
    log.info("sandbox serving ARM at {} from {}", running.armUrl(), world);
    return new SandboxSession(Optional.of(running));
  }

  /** Returns whether the {@code azure} block selects the sandbox cloud. */
  public static boolean usesSandbox(ObjectNode azure) {
    JsonNode cloud = azure.get("cloud");
    return cloud != null && SANDBOX_CLOUD.equals(cloud.asText());
  }

  /** Returns whether a sandbox runs for this session. */
  public boolean isActive() {
    return sandbox.isPresent();
  }

  /** Returns the running sandbox, when the stack uses it. */
  public Optional<RunningSandbox> sandbox() {
    return sandbox;
  }

  /**
   * Returns the endpoints for {@code RunSettings.endpoints()}: {@code arm},
   * {@code armCertificate}, {@code armToken} and {@code subscriptionId}; empty when inactive.
   * The token is secret.
   */
  public Map<String, String> endpoints() {
    Map<String, String> endpoints = new LinkedHashMap<>();
    sandbox.ifPresent(running -> {
      endpoints.put("arm", running.armUrl());
      endpoints.put("armCertificate", running.certificatePem());
      endpoints.put("armToken", running.token());
      endpoints.put("subscriptionId", running.subscriptionId());
    });
    return endpoints;
  }

  /** Saves the world and stops the sandbox; does nothing when inactive. */
  @Override
  public void close() {
    sandbox.ifPresent(RunningSandbox::close);
  }
}
