package dev.provisioner.sandbox;

import dev.provisioner.sandbox.arm.ArmEndpoint;
import dev.provisioner.sandbox.arm.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox serving its world. Clients reach ARM at {@link #armUrl()}, trust
 * {@link #certificatePem()} and send {@link #token()} as bearer token for subscription
 * {@link #subscriptionId()}. {@link #close()} completes running operations, saves the world,
 * closes the cluster host and releases the world's lock.
 */
public final class RunningSandbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningSandbox.class);

  private final World world;
  private final ArmEndpoint endpoint;
  private final SandboxOptions options;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean isClosed;

  RunningSandbox(World world, ArmEndpoint endpoint, SandboxOptions options) {
    this.world = world;
    this.endpoint = endpoint;
    this.options = options;
  }

  /** Returns the ARM endpoint URL, {@code https://127.0.0.1:<port>/}. */
  public String armUrl() {
    return endpoint.url();
  }

  /** Returns the PEM certificate of the ARM endpoint, the one a client must trust. */
  public String certificatePem() {
    return world.certificate().certificatePem();
  }

  /** Returns the file holding {@link #certificatePem()}. */
  public Path certificatePath() {
    return world.certificatePath();
  }

  /** Returns the bearer token the ARM endpoint checks; secret. */
  public String token() {
    return world.token();
  }

  public String subscriptionId() {
    return world.subscriptionId();
  }

  public String tenantId() {
    return world.tenantId();
  }

  public Path worldFolder() {
    return world.folder();
  }

  /**
   * Returns how many ARM requests this sandbox has received since it started, polls and
   * rejected requests included. Benchmarks report this count as the number of ARM calls.
   */
  public long armRequestCount() {
    return endpoint.requestCount();
  }

  /** Returns the live fault rules; add or clear rules to change faults while serving. */
  public FaultRules faults() {
    return options.faults();
  }

  /**
   * Returns the lines a {@code sandbox serve} command shows: ARM URL, subscription, world
   * folder and certificate file (never the token).
   */
  public List<String> describe() {
    return List.of(
        "ARM endpoint:    " + armUrl(),
        "subscription:    " + subscriptionId(),
        "certificate:     " + certificatePath(),
        "world folder:    " + worldFolder());
  }

  /**
   * Writes the user kubeconfig of every cluster to
   * {@code <world>/kubeconfigs/<resource group>_<cluster>.yaml} (readable by the owner only), for
   * kubectl while the sandbox serves.
   *
   * @return the files written, keyed by {@code <resource group>/<cluster name>}
   * @throws SandboxException when a file cannot be written
   */
  public Map<String, Path> writeKubeconfigs() {
    Map<String, Path> written = new LinkedHashMap<>();
    Path folder = world.folder().resolve("kubeconfigs");
    try {
      Files.createDirectories(folder);
      for (Map.Entry<String, String> entry : endpoint.kubeconfigs().entrySet()) {
        String[] groupAndName = entry.getKey().split("/", 2);
        Path file = world.kubeconfigFile(groupAndName[0], groupAndName[1]);
        Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // NOTE: without POSIX permissions the file keeps the file system's default mode.
        }
        written.put(entry.getKey(), file);
      }
      return written;
    } catch (IOException e) {
      throw new SandboxException("cannot write kubeconfigs to " + folder + ": " + e, e);
    }
  }

  /**
   * Blocks until {@link #close()} is called from another thread or the JVM shuts down (for
   * example on Ctrl-C), and closes the sandbox in the second case.
   */
  public void serveUntilShutdown() throws InterruptedException {
    Thread hook = new Thread(this::close, "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      closed.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
  }

  @Override
  public synchronized void close() {
    if (isClosed) {
      return;
    }
    isClosed = true;
    try {
      endpoint.close();
    } finally {
      try {
        options.clusterHost().close();
      } catch (RuntimeException e) {
        log.warn("sandbox cluster host did not close cleanly", e);
      } finally {
        world.close();
        closed.countDown();
      }
    }
  }
}
