package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource type whose resource is a set of Kubernetes objects: the base of {@code
 * kubernetes.manifest}, {@code istio.install}, {@code knative.serving} and {@code knative.service}.
 * Subclasses return the objects a resource's properties describe and add their own rules. This
 * class plans, applies, refreshes, prunes and deletes the objects.
 *
 * <p>Plans compare per-object digests of the fields this tool applies (attribute {@value
 * CommonFields#OBJECT_DIGESTS}): planned from the desired objects, refreshed from the live ones cut
 * down to the fields the {@value ManagedFields#MANAGER} field manager owns. So a change in the
 * manifest, an object deleted behind the tool's back and a field another client changed all show,
 * while status, server-set metadata and other managers' fields do not.
 */
public abstract class ObjectSetType implements ResourceType, ReleaseManifests {

  /**
   * Returns the objects that {@code properties} stand for.
   *
   * @param cluster the cluster, when it can be contacted; empty in plans made before it exists
   * @param prior the recorded attributes, empty for a create
   * @throws ProviderException when a manifest cannot be read or verified
   */
  protected abstract List<ObjectNode> desiredObjects(
      OperationContext context,
      ObjectNode properties,
      Optional<ClusterConnection> cluster,
      Optional<ObjectNode> prior);

  /** Returns the inline objects and digests that reveal a Secret's data. */
  @Override
  public List<String> sensitivePaths(ObjectNode attributes) {
    return SecretPaths.of(attributes);
  }

  /** Returns no pinned manifests. Types that read release files or URLs override this. */
  @Override
  public List<ReleaseFile> releaseManifests(ObjectNode properties) {
    return List.of();
  }

  /**
   * Returns the kinds this type builds objects of itself, so that a plan can use them before the
   * cluster serves them: their CRDs may come from another resource of the same apply.
   */
  protected List<ResourceKind> typeKinds() {
    return List.of();
  }

  /** Checks rules that need the prior state or the cluster's attributes; runs first in plan. */
  protected void checkPlan(
      OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {}

  /**
   * Fills the type's own computed attributes into {@code planned}.
   *
   * @param objectsChange whether any object's digest differs from the prior state
   */
  protected void planComputed(
      ObjectNode planned, Optional<ObjectNode> prior, boolean objectsChange) {}

  /** Runs after the objects are applied; fills the type's own computed attributes. */
  protected void afterApply(
      OperationContext context,
      ClusterConnection cluster,
      ObjectNode attributes,
      ApplyResult result,
      Optional<ObjectNode> prior) {}

  /** Fills the type's own computed attributes from the live objects during a refresh. */
  protected void afterRead(
      ClusterConnection cluster, ObjectNode attributes, Map<ObjectId, ObjectNode> live) {}

  @Override
  public ObjectNode plan(OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    checkPlan(context, desired, prior);
    JsonNode clusterValue = desired.get("cluster");
    Optional<ClusterConnection> cluster =
        ClusterConnection.isKnown(clusterValue)
            ? Optional.of(ClusterConnection.of(context, clusterValue))
            : Optional.empty();
    List<ObjectNode> raw = desiredObjects(context, desired, cluster, prior);
    List<InventoryEntry> priorInventory = prior.map(ObjectSetType::inventoryOf).orElse(List.of());
    KindResolver resolver = new KindResolver(raw, priorInventory, cluster, typeKinds());
    List<DesiredObject> objects =
        DesiredObjects.prepare(raw, owner(context), resolver, cluster.isPresent());
    cluster.ifPresent(
        connection -> KindResolver.crdKinds(raw).values().forEach(connection::registerPlanned));

    // Every digest is known, even for a custom resource whose CRD this apply installs: it is
    // the digest of what will be applied. What stays unknown until apply is the inventory (the
    // UIDs), and a plan must never hide a new object behind an unknown map entry.
    ObjectNode digests = JsonNodeFactory.instance.objectNode();
    for (DesiredObject object : objects) {
      digests.put(object.id().key(), object.digest());
    }
    ObjectNode planned = desired.deepCopy();
    planned.set(CommonFields.OBJECT_DIGESTS, digests);
    if (cluster.isEmpty() && prior.isEmpty()) {
      // Before the cluster exists, kinds cannot be resolved and a knative.service cannot look
      // for its namespace, so the digests computed now may differ from those the apply computes.
      // A create is a change anyway, and an unknown value is not held against the apply.
      planned.set(CommonFields.OBJECT_DIGESTS, Values.unknown());
    }
    boolean objectsChange =
        prior.isEmpty() || !digests.equals(prior.get().get(CommonFields.OBJECT_DIGESTS));
    planned.set(
        CommonFields.INVENTORY,
        objectsChange || !prior.get().has(CommonFields.INVENTORY)
            ? Values.unknown()
            : prior.get().get(CommonFields.INVENTORY).deepCopy());
    planComputed(planned, prior, objectsChange);
    return planned;
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    ClusterConnection cluster = ClusterConnection.of(context, prior.get("cluster"));
    List<InventoryEntry> inventory = inventoryOf(prior);
    Map<ObjectId, ObjectNode> live =
        LiveObjects.listForRefresh(new ClusterObjects(cluster), inventory);
    if (!inventory.isEmpty() && live.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode attributes = prior.deepCopy();
    ObjectNode digests = JsonNodeFactory.instance.objectNode();
    ArrayNode found = JsonNodeFactory.instance.arrayNode();
    for (InventoryEntry entry : inventory) {
      ObjectNode object = live.get(entry.id());
      if (object != null) {
        digests.put(entry.id().key(), ObjectApplier.liveDigest(object));
        found.add(entry.toJson());
      }
    }
    attributes.set(CommonFields.OBJECT_DIGESTS, digests);
    attributes.set(CommonFields.INVENTORY, found);
    afterRead(cluster, attributes, live);
    return Optional.of(attributes);
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    return applyObjects(context, desired, Optional.empty());
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    return applyObjects(context, desired, Optional.of(prior));
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    ClusterConnection cluster = ClusterConnection.of(context, prior.get("cluster"));
    new ObjectApplier(cluster, context, options(context, prior)).delete(inventoryOf(prior));
  }

  private ObjectNode applyObjects(
      OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    ClusterConnection cluster = ClusterConnection.of(context, desired.get("cluster"));
    List<ObjectNode> raw = desiredObjects(context, desired, Optional.of(cluster), prior);
    List<InventoryEntry> priorInventory = prior.map(ObjectSetType::inventoryOf).orElse(List.of());
    KindResolver resolver =
        new KindResolver(raw, priorInventory, Optional.of(cluster), typeKinds());
    List<DesiredObject> objects = DesiredObjects.prepare(raw, owner(context), resolver, true);

    ApplyResult result =
        new ObjectApplier(cluster, context, options(context, desired))
            .apply(objects, prior.map(ObjectSetType::digestsOf).orElse(Map.of()), priorInventory);

    ObjectNode attributes = desired.deepCopy();
    ObjectNode digests = JsonNodeFactory.instance.objectNode();
    result.digests().forEach(digests::put);
    attributes.set(CommonFields.OBJECT_DIGESTS, sortedLike(digests, result.inventory()));
    ArrayNode inventory = JsonNodeFactory.instance.arrayNode();
    result.inventory().forEach(entry -> inventory.add(entry.toJson()));
    attributes.set(CommonFields.INVENTORY, inventory);
    afterApply(context, cluster, attributes, result, prior);
    return attributes;
  }

  /** Returns the owner annotation value for the resource of {@code context}. */
  protected static String owner(OperationContext context) {
    return context.settings().stackName() + "/" + context.address();
  }

  /** Returns the apply options that the {@code force} and {@code wait} properties set. */
  protected static ApplyOptions options(OperationContext context, ObjectNode properties) {
    JsonNode wait = properties.path("wait");
    Duration timeout = context.timeout();
    if (wait.path("timeout").isTextual()) {
      try {
        timeout = Durations.parse(wait.path("timeout").asText());
      } catch (IllegalArgumentException e) {
        throw new ProviderException("InvalidProperty", "wait.timeout: " + e.getMessage());
      }
    }
    return new ApplyOptions(
        owner(context),
        properties.path("force").asBoolean(false),
        wait.path("enabled").asBoolean(true),
        timeout);
  }

  /** Reads the {@value CommonFields#INVENTORY} attribute. */
  protected static List<InventoryEntry> inventoryOf(ObjectNode attributes) {
    List<InventoryEntry> entries = new ArrayList<>();
    JsonNode inventory = attributes.get(CommonFields.INVENTORY);
    if (inventory != null && inventory.isArray()) {
      for (JsonNode entry : inventory) {
        entries.add(InventoryEntry.fromJson(entry));
      }
    }
    return entries;
  }

  private static Map<String, String> digestsOf(ObjectNode attributes) {
    Map<String, String> digests = new LinkedHashMap<>();
    JsonNode node = attributes.get(CommonFields.OBJECT_DIGESTS);
    if (node != null && node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          digests.put(field.getKey(), field.getValue().asText());
        }
      }
    }
    return digests;
  }

  private static ObjectNode sortedLike(ObjectNode digests, List<InventoryEntry> inventory) {
    ObjectNode sorted = JsonNodeFactory.instance.objectNode();
    for (InventoryEntry entry : inventory) {
      JsonNode digest = digests.get(entry.id().key());
      if (digest != null) {
        sorted.set(entry.id().key(), digest);
      }
    }
    return sorted;
  }
}
