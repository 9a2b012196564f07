package dev.provisioner.provider.kubernetes;

import dev.provisioner.provider.OperationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Readiness waits for subclasses of {@link ObjectSetType} that need more than the general one. */
public final class ObjectSetWaits {

  private ObjectSetWaits() {}

  /**
   * Waits until the objects of {@code entries} are ready, polling each kind and namespace with
   * one list request per round.
   *
   * @throws dev.provisioner.provider.ProviderException with code {@code Timeout} naming the
   *     objects not ready and their last condition
   */
  public static void untilReady(
      ClusterConnection cluster,
      OperationContext context,
      Duration timeout,
      List<InventoryEntry> entries) {
    List<WaitTarget> targets = new ArrayList<>();
    entries.forEach(entry -> targets.add(WaitTarget.of(entry)));
    new Waiter(new ClusterObjects(cluster), context, timeout).untilReady(targets);
  }
}
