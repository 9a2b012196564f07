package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an apply: the objects left in the cluster.
 *
 * @param inventory the objects the resource owns now, in apply order
 * @param digests digest of the fields this tool manages, per object key, as the API server
 *     returned them
 * @param applied the objects sent in this apply, as the API server returned them, by key
 */
public record ApplyResult(
    List<InventoryEntry> inventory, Map<String, String> digests, Map<String, ObjectNode> applied) {

  public ApplyResult {
    inventory = List.copyOf(inventory);
    digests = Map.copyOf(digests);
    applied = Map.copyOf(applied);
  }
}
