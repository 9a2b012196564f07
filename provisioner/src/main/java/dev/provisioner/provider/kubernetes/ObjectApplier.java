package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a set of objects in dependency order, waits for them, and prunes what the set no longer
 * holds.
 *
 * <p>Order: Namespaces and CRDs first, then waiting until those CRDs are Established; then other
 * cluster-scoped built-in objects; then namespaced built-in objects; then waiting until the
 * Deployments behind the set's admission webhooks are Available; then custom resources,
 * cluster-scoped before namespaced. Custom resources come last because webhooks admit them and
 * their CRDs must be served first. Pruning and deletion run in the reverse order.
 *
 * <p>NOTE: when an apply fails part way, the objects applied so far are not in the returned
 * inventory. They carry this resource's owner annotation, so the next apply takes them over
 * again instead of failing on them.
 */
public final class ObjectApplier {

  private static final Logger log = LoggerFactory.getLogger(ObjectApplier.class);

  private final ClusterObjects objects;
  private final ApplyOptions options;
  private final Waiter waiter;

  /** Creates an applier for one operation on one resource. */
  public ObjectApplier(
      ClusterConnection connection, OperationContext context, ApplyOptions options) {
    this.objects = new ClusterObjects(connection);
    this.options = options;
    this.waiter = new Waiter(objects, context, options.timeout());
  }

  /**
   * Applies the objects of {@code desired} whose digest differs from {@code priorDigests}, then
   * deletes the objects of {@code priorInventory} that {@code desired} no longer holds.
   *
   * @param priorDigests digests of the live objects at the last refresh, by object key
   * @param priorInventory the objects the resource owned before
   * @throws ProviderException when an object belongs to another stack resource, an apply fails,
   *     or a wait times out
   */
  public ApplyResult apply(
      List<DesiredObject> desired,
      Map<String, String> priorDigests,
      List<InventoryEntry> priorInventory) {
    Map<ObjectId, InventoryEntry> owned = new HashMap<>();
    for (InventoryEntry entry : priorInventory) {
      owned.put(entry.id(), entry);
    }
    List<DesiredObject> ordered = new ArrayList<>(desired);
    ordered.sort(Comparator.comparingInt(ObjectApplier::rank));

    List<DesiredObject> changed = new ArrayList<>();
    for (DesiredObject object : ordered) {
      InventoryEntry entry = owned.get(object.id());
      // A new apiVersion is applied even when the fields are the same, so that the inventory
      // records a version the cluster still serves after the old one is retired.
      if (entry == null
          || !entry.kind().apiVersion().equals(object.apiVersion())
          || !object.digest().equals(priorDigests.get(object.id().key()))) {
        changed.add(object);
      }
    }
    checkOwnership(changed, owned);

    Map<ObjectId, InventoryEntry> applied = new LinkedHashMap<>();
    Map<String, ObjectNode> appliedObjects = new LinkedHashMap<>();
    boolean webhooksAwaited = false;
    List<WaitTarget> crdTargets = new ArrayList<>();
    for (DesiredObject object : changed) {
      if (rank(object) > 0 && !crdTargets.isEmpty()) {
        awaitCrds(crdTargets);
        crdTargets.clear();
      }
      if (rank(object) >= 3 && !webhooksAwaited) {
        awaitWebhookBackends(ordered, owned, applied);
        webhooksAwaited = true;
      }
      ResourceKind kind = kindForApply(object);
      ObjectNode live = objects.apply(kind, object.body(), options.force());
      InventoryEntry entry = entryOf(kind, object, live);
      applied.put(object.id(), entry);
      appliedObjects.put(object.id().key(), live);
      if (object.isCrd()) {
        crdTargets.add(WaitTarget.of(entry));
      }
    }
    awaitCrds(crdTargets);

    if (options.waitForReady()) {
      List<WaitTarget> targets = new ArrayList<>();
      for (InventoryEntry entry : applied.values()) {
        targets.add(WaitTarget.of(entry));
      }
      waiter.untilReady(targets);
    }

    List<InventoryEntry> inventory = new ArrayList<>();
    Map<String, String> digests = new LinkedHashMap<>();
    Set<ObjectId> kept = new HashSet<>();
    for (DesiredObject object : ordered) {
      kept.add(object.id());
      InventoryEntry entry = applied.getOrDefault(object.id(), owned.get(object.id()));
      inventory.add(entry);
      ObjectNode live = appliedObjects.get(object.id().key());
      digests.put(
          object.id().key(),
          live != null ? liveDigest(live) : priorDigests.get(object.id().key()));
    }
    List<InventoryEntry> removed = new ArrayList<>();
    for (InventoryEntry entry : priorInventory) {
      if (!kept.contains(entry.id())) {
        removed.add(entry);
      }
    }
    delete(removed);
    return new ApplyResult(inventory, digests, appliedObjects);
  }

  /**
   * Deletes the objects of {@code inventory} that still carry this resource's owner annotation
   * and UID, in reverse order, and waits until they are gone.
   */
  public void delete(List<InventoryEntry> inventory) {
    if (inventory.isEmpty()) {
      return;
    }
    Map<ObjectId, ObjectNode> live = LiveObjects.list(objects, inventory);
    // Each rank is gone before the next is deleted, so that custom resources go while their
    // controllers and CRDs still exist, and namespaced objects before their Namespace.
    for (int rank = 4; rank >= 0; rank--) {
      List<WaitTarget> deleted = new ArrayList<>();
      for (int i = inventory.size() - 1; i >= 0; i--) {
        InventoryEntry entry = inventory.get(i);
        ObjectNode current = live.get(entry.id());
        if (current == null || rank(entry) != rank) {
          continue;
        }
        String owner = DesiredObjects.ownerOf(current);
        if (!owner.isEmpty() && !owner.equals(options.owner())) {
          log.debug("leaving {}: it belongs to {} now", entry.id(), owner);
          continue;
        }
        objects.delete(entry.kind(), entry.namespace(), entry.name());
        deleted.add(WaitTarget.of(entry));
      }
      waiter.untilGone(deleted);
    }
  }

  /** Returns the digest of the fields this tool owns in a live object. */
  public static String liveDigest(JsonNode live) {
    return ObjectDigest.of(
        ManagedFields.project(live, ManagedFields.MANAGER)
            .orElse(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
  }

  /**
   * Returns the apply rank: 0 Namespaces and CRDs, 1 cluster-scoped built-in objects, 2
   * namespaced built-in objects, 3 cluster-scoped custom resources, 4 namespaced custom
   * resources.
   */
  static int rank(DesiredObject object) {
    return rank(object.id());
  }

  private static int rank(InventoryEntry entry) {
    return rank(entry.id());
  }

  private static int rank(ObjectId id) {
    boolean namespace = id.group().isEmpty() && id.kind().equals("Namespace");
    boolean crd =
        id.group().equals("apiextensions.k8s.io") && id.kind().equals("CustomResourceDefinition");
    if (namespace || crd) {
      return 0;
    }
    boolean namespaced = !id.namespace().isEmpty();
    if (BuiltInKinds.isBuiltInGroup(id.group())) {
      return namespaced ? 2 : 1;
    }
    return namespaced ? 4 : 3;
  }

  private void checkOwnership(List<DesiredObject> changed, Map<ObjectId, InventoryEntry> owned) {
    Map<String, Map<String, ObjectNode>> listed = new HashMap<>();
    for (DesiredObject object : changed) {
      if (owned.containsKey(object.id()) || !object.servedNow() || object.kind().isEmpty()) {
        continue;
      }
      ResourceKind kind = object.kind().get();
      String listKey = kind.apiVersion() + "/" + kind.plural() + "/" + object.id().namespace();
      Map<String, ObjectNode> byName =
          listed.computeIfAbsent(
              listKey, key -> LiveObjects.byName(objects, kind, object.id().namespace()));
      ObjectNode live = byName.get(object.id().name());
      if (live == null) {
        continue;
      }
      String owner = DesiredObjects.ownerOf(live);
      if (!owner.isEmpty() && !owner.equals(options.owner())) {
        throw new ProviderException(
            "Conflict",
            object.id().key()
                + " belongs to stack resource "
                + owner
                + "; an object can belong to one resource only (remove it there first, then"
                + " apply again)");
      }
    }
  }

  private ResourceKind kindForApply(DesiredObject object) {
    if (object.kind().isPresent()) {
      return object.kind().get();
    }
    Optional<ResourceKind> resolved =
        objects.connection().resolve(object.apiVersion(), object.id().kind());
    return resolved.orElseThrow(
        () ->
            new ProviderException(
                "KindNotFound",
                object.id().key()
                    + ": the cluster does not serve kind "
                    + object.id().kind()
                    + " of "
                    + object.apiVersion()
                    + "; add its CRD, or dependsOn the resource that installs it"));
  }

  private void awaitCrds(List<WaitTarget> crds) {
    if (crds.isEmpty()) {
      return;
    }
    // CRDs are always waited for, even with wait disabled: their custom resources need them.
    waiter.untilReady(crds);
    for (WaitTarget crd : crds) {
      objects.connection().forgetDiscoveryOfCrd(crd.name());
    }
  }

  private void awaitWebhookBackends(
      List<DesiredObject> ordered,
      Map<ObjectId, InventoryEntry> owned,
      Map<ObjectId, InventoryEntry> applied) {
    List<WaitTarget> backends = new ArrayList<>();
    for (DesiredObject deployment : WebhookBackends.find(ordered)) {
      InventoryEntry entry = applied.getOrDefault(deployment.id(), owned.get(deployment.id()));
      if (entry != null) {
        backends.add(WaitTarget.of(entry));
      }
    }
    if (!backends.isEmpty()) {
      waiter.untilReady(backends);
    }
  }

  private static InventoryEntry entryOf(ResourceKind kind, DesiredObject object, ObjectNode live) {
    return new InventoryEntry(
        kind,
        object.id().namespace(),
        object.id().name(),
        live.path("metadata").path("uid").asText(""));
  }
}
