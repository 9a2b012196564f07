package dev.provisioner.apply;

import dev.provisioner.graph.ParallelWalker;
import java.time.Duration;
import java.util.Objects;

/**
 * How to apply.
 *
 * @param parallelism how many resource operations may run at once
 * @param stillRunningInterval how often a running operation reports that it still runs
 */
public record ApplyOptions(int parallelism, Duration stillRunningInterval) {

  /** Ten at once, a "still running" line every ten seconds. */
  public static final ApplyOptions DEFAULT =
      new ApplyOptions(ParallelWalker.DEFAULT_PARALLELISM, Duration.ofSeconds(10));

  public ApplyOptions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    Objects.requireNonNull(stillRunningInterval, "stillRunningInterval");
  }
}
