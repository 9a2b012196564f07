package dev.provisioner.provider;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the engine hands a provider for one operation on one resource.
 */
public interface OperationContext {

  /** Returns the address of the resource, for example {@code module.platform.knative}. */
  String address();

  /** Returns the run's settings. */
  RunSettings settings();

  /**
   * Reports progress, for example "waiting for 3 Deployments to become Available". The engine
   * decides whether and how to show it.
   */
  void progress(String message);

  /**
   * Returns the run-scoped object stored under {@code key}, creating it with {@code factory} on
   * first use. Providers keep one client per cloud or cluster this way. Thread-safe: concurrent
   * callers of one key get the same object. Objects that are {@link AutoCloseable} are closed at
   * the end of the run.
   */
  <T> T shared(String key, Class<T> type, Supplier<T> factory);

  /** Returns how long this operation may wait for readiness before failing. */
  Duration timeout();

  /** Returns whether the user asked to stop; long waits return early when it is set. */
  boolean isCancelled();
}
