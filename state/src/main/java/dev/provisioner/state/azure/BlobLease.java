package dev.provisioner.state.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import dev.provisioner.state.LockInfo;
import dev.provisioner.state.StateLock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held lease on the lock blob. A daemon thread renews it every third of its duration while
 * the command runs. Closing it, or the JVM shutting down (Ctrl-C, SIGTERM), clears the holder's
 * metadata and releases the lease. A process killed outright leaves a lease that expires by
 * itself at most one lease duration after its last renewal.
 */
final class BlobLease implements StateLock {

  private static final Logger log = LoggerFactory.getLogger(BlobLease.class);

  private final LockInfo info;
  private final BlobClient lockBlob;
  private final BlobLeaseClient leaseClient;
  private final String location;
  private final Duration leaseDuration;
  private final ScheduledExecutorService renewer;
  private final Thread shutdownHook;
  private volatile boolean lost;
  private boolean released;

  BlobLease(
      LockInfo info,
      BlobClient lockBlob,
      BlobLeaseClient leaseClient,
      Duration leaseDuration,
      String location) {
    this.info = info;
    this.lockBlob = lockBlob;
    this.leaseClient = leaseClient;
    this.location = location;
    this.leaseDuration = leaseDuration;
    this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "state-lease-renewal");
      thread.setDaemon(true);
      return thread;
    });
    long periodMillis = leaseDuration.toMillis() / 3;
    renewer.scheduleAtFixedRate(this::renew, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    this.shutdownHook = new Thread(this::releaseOnShutdown, "state-lease-release");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public LockInfo info() {
    return info;
  }

  /**
   * Returns whether the service reported the lease gone during a renewal, for example after a
   * force-unlock by another user. Writes under a lost lock are rejected.
   */
  boolean isLost() {
    return lost;
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    // The hook stays registered until the release is done: if the JVM starts shutting down
    // meanwhile, the hook waits in releaseOnce() for this release instead of the JVM halting in
    // the middle of it.
    releaseOnce();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      log.debug("JVM shutting down after releasing lock {}", info.id());
    }
  }

  private void releaseOnShutdown() {
    renewer.shutdownNow();
    if (!isReleased()) {
      log.warn("releasing state lock {} on {} because the JVM is shutting down", info.id(),
          location);
    }
    releaseOnce();
  }

  private synchronized boolean isReleased() {
    return released;
  }

  /**
   * Releases the lease unless that already happened. It is synchronized so that a release
   * running on another thread when the JVM starts shutting down finishes before the shutdown
   * hook returns.
   */
  private synchronized void releaseOnce() {
    if (released) {
      return;
    }
    released = true;
    try {
      // Clearing the holder first shows later readers that this lock ended cleanly. Metadata
      // left on an unleased lock blob marks a holder that died.
      lockBlob.setMetadataWithResponse(
          Map.of(), new BlobRequestConditions().setLeaseId(info.id()), null, Context.NONE);
      leaseClient.releaseLease();
      log.debug("released state lock {} on {}", info.id(), location);
    } catch (RuntimeException e) {
      log.warn("could not release state lock {} on {} ({}); the lease expires by itself within "
          + "{} s, or run 'provisioner force-unlock {}'",
          info.id(), location, BlobErrors.summary(e), leaseDuration.toSeconds(), info.id());
    }
  }

  private void renew() {
    try {
      leaseClient.renewLease();
      log.debug("renewed state lock {} on {}", info.id(), location);
    } catch (BlobStorageException e) {
      if (isLeaseGone(e)) {
        lost = true;
        renewer.shutdown();
        log.warn("state lock {} on {} was lost ({}); another user may have run force-unlock",
            info.id(), location, e.getErrorCode());
        return;
      }
      log.warn("renewing state lock {} on {} failed ({}); retrying", info.id(), location,
          e.getErrorCode());
    } catch (RuntimeException e) {
      log.warn("renewing state lock {} on {} failed ({}); retrying", info.id(), location,
          BlobErrors.summary(e));
    }
  }

  private static boolean isLeaseGone(BlobStorageException e) {
    BlobErrorCode code = e.getErrorCode();
    return BlobErrorCode.LEASE_ID_MISMATCH_WITH_LEASE_OPERATION.equals(code)
        || BlobErrorCode.LEASE_NOT_PRESENT_WITH_LEASE_OPERATION.equals(code)
        || BlobErrorCode.LEASE_LOST.equals(code)
        || BlobErrorCode.LEASE_IS_BROKEN_AND_CANNOT_BE_RENEWED.equals(code);
  }
}
