package dev.provisioner.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a refresh.
 *
 * @param live the attributes read for each resource that still exists, whole-resource references
 *     reduced, by address
 * @param gone addresses recorded in state that no longer exist, pending creates never found
 *     included
 * @param recovered addresses of pending creates that were found live
 * @param drift changes made outside the tool
 */
public record RefreshResult(
    Map<String, ObjectNode> live, Set<String> gone, Set<String> recovered, List<Drift> drift) {

  public RefreshResult {
    live = Map.copyOf(live);
    gone = Set.copyOf(gone);
    recovered = Set.copyOf(recovered);
    drift = List.copyOf(drift);
  }
}
