package dev.provisioner.provider;

import java.util.List;

/**
 * A family of resource types, found through {@link java.util.ServiceLoader}.
 *
 * <p>An implementation is listed in {@code META-INF/services/dev.provisioner.provider.Provider}
 * and has a public no-argument constructor. One instance serves one CLI run: the engine calls
 * {@link #configure} once before any resource operation and {@link #close} at the end.
 */
public interface Provider extends AutoCloseable {

  /** Returns the provider id recorded in state, for example {@code azure}. */
  String id();

  /** Returns the resource types this provider serves; type names start with its id and a dot. */
  List<ResourceType> resourceTypes();

  /**
   * Receives the run's settings. Builds no clients: those are built lazily on first use, so
   * {@code validate} and runs that never touch this provider stay fast.
   */
  default void configure(RunSettings settings) {}

  /** Releases clients and connections built during the run. */
  @Override
  default void close() {}
}
