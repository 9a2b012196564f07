package dev.provisioner.graph;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a walk.
 *
 * @param succeeded nodes whose visit returned normally, in completion order
 * @param failed nodes whose visit threw, with the error, in completion order
 * @param skipped nodes never started
 * @param <T> node type
 */
public record WalkResult<T>(List<T> succeeded, Map<T, Throwable> failed, List<T> skipped) {

  public WalkResult {
    succeeded = List.copyOf(succeeded);
    failed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failed));
    skipped = List.copyOf(skipped);
  }

  /** Returns whether every node was visited successfully. */
  public boolean isComplete() {
    return failed.isEmpty() && skipped.isEmpty();
  }
}
