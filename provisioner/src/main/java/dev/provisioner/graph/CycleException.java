package dev.provisioner.graph;

import java.util.List;

/** The dependency graph has a cycle; {@link #cycle()} lists every node on it in order. */
public class CycleException extends RuntimeException {

  private final List<String> cycle;

  public CycleException(List<String> cycle) {
    super("dependency cycle: " + String.join(" -> ", cycle) + " -> " + cycle.get(0)
        + "; remove one of these references or dependsOn entries");
    this.cycle = List.copyOf(cycle);
  }

  /** Returns the nodes on the cycle, each depending on the next, the last on the first. */
  public List<String> cycle() {
    return cycle;
  }
}
