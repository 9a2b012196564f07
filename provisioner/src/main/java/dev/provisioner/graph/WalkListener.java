package dev.provisioner.graph;

/**
 * Receives the events of a {@link ParallelWalker} walk. Called from worker threads; an
 * implementation must be thread-safe.
 *
 * @param <T> node type
 */
public interface WalkListener<T> {

  /** A node's visit started. */
  default void started(T node) {}

  /** A node's visit returned normally. */
  default void succeeded(T node) {}

  /** A node's visit threw {@code error}. */
  default void failed(T node, Throwable error) {}

  /** A node was not visited because a dependency failed or the walk was stopped. */
  default void skipped(T node) {}
}
