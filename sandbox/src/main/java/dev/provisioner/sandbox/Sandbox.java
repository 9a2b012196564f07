package dev.provisioner.sandbox;

import dev.provisioner.sandbox.arm.ArmEndpoint;
import dev.provisioner.sandbox.arm.World;

/**
 * Starts the sandbox cloud: an ARM endpoint over HTTPS on 127.0.0.1 whose AKS clusters are
 * served by a {@link ClusterHost}.
 *
 * <pre>
 * try (RunningSandbox sandbox = Sandbox.start(SandboxOptions.of(folder, host))) {
 *   // point an Azure SDK client at sandbox.armUrl(), trusting sandbox.certificatePem()
 *   // and sending sandbox.token() as bearer token
 * }
 * </pre>
 */
public final class Sandbox {

  private Sandbox() {}

  /**
   * Opens (or creates) the world in {@code options.worldFolder()}, locks it for this process
   * and starts serving it.
   *
   * @throws SandboxException when another process uses the world, or it cannot be read or served
   */
  public static RunningSandbox start(SandboxOptions options) {
    World world = World.open(options.worldFolder());
    try {
      ArmEndpoint endpoint =
          ArmEndpoint.start(
              world,
              options.clusterHost(),
              options.synchronous(),
              options.operationDuration(),
              options.faults());
      return new RunningSandbox(world, endpoint, options);
    } catch (RuntimeException e) {
      world.close();
      throw e;
    }
  }
}
