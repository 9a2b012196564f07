package dev.provisioner.plan;

import dev.provisioner.config.ResourceAddress;
import dev.provisioner.graph.ParallelWalker;
import java.util.Set;

/**
 * How to plan.
 *
 * @param refresh whether to read every recorded resource first ({@code --refresh=false} skips it)
 * @param destroy whether to plan the deletion of everything in state
 * @param targets resources to limit the plan to, with their dependencies; empty for all
 * @param parallelism how many provider calls may run at once
 */
public record PlanOptions(
    boolean refresh, boolean destroy, Set<ResourceAddress> targets, int parallelism) {

  /** Refresh, whole stack, default parallelism. */
  public static final PlanOptions DEFAULT =
      new PlanOptions(true, false, Set.of(), ParallelWalker.DEFAULT_PARALLELISM);

  public PlanOptions {
    targets = Set.copyOf(targets);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
  }
}
