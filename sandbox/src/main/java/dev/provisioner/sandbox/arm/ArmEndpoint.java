package dev.provisioner.sandbox.arm;

import dev.provisioner.sandbox.ClusterHost;
import dev.provisioner.sandbox.FaultRules;
import java.time.Clock;
import java.time.Duration;

/**
 * The running ARM side of a sandbox: resources loaded from the world, served over HTTPS. Close
 * it to complete running operations, save the world and stop listening.
 */
public final class ArmEndpoint implements AutoCloseable {

  private final ArmApi api;
  private final ArmServer server;

  private ArmEndpoint(ArmApi api, ArmServer server) {
    this.api = api;
    this.server = server;
  }

  /**
   * Loads the world's resources and serves them on its last port (or an ephemeral one).
   *
   * @param synchronous answer writes with terminal states instead of operation headers
   * @param operationDuration how long an operation stays {@code InProgress} before a poll
   *     completes it; zero completes it on the first poll
   */
  public static ArmEndpoint start(
      World world,
      ClusterHost clusterHost,
      boolean synchronous,
      Duration operationDuration,
      FaultRules faults) {
    ArmContext context =
        new ArmContext(world, clusterHost, synchronous, operationDuration, Clock.systemUTC());
    context.startStoredClusters();
    ArmApi api = new ArmApi(context);
    ArmServer server =
        ArmServer.start(api, faults, world.token(), world.certificate(), world.port());
    world.savePort(server.port());
    return new ArmEndpoint(api, server);
  }

  /** Returns {@code https://127.0.0.1:<port>/}, the ARM URL clients use. */
  public String url() {
    return server.baseUrl() + "/";
  }

  public int port() {
    return server.port();
  }

  /** Returns how many requests the endpoint has received since it started. */
  public long requestCount() {
    return server.requestCount();
  }

  /** Returns the user kubeconfig of every cluster by {@code <resource group>/<name>}. */
  public java.util.Map<String, String> kubeconfigs() {
    return api.kubeconfigs();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      api.shutdown();
    }
  }
}
