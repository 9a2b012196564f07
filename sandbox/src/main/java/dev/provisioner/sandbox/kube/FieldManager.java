package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Server-side apply and field ownership as the Kubernetes API documents them: an apply merges the
 * applied fields into the live object, records them as the manager's, removes fields the manager
 * applied before and no longer applies (unless another manager owns them), and fails with the
 * conflicting fields when another manager owns a field the apply would change, unless forced. Other
 * writes (create, update, patch) hand the fields they change to their manager.
 */
final class FieldManager {

  private FieldManager() {}

  /** The result of an apply: the object to store, or the conflicts that stopped it. */
  record ApplyResult(ObjectNode object, List<ApplyConflict> conflicts) {
    boolean isConflict() {
      return !conflicts.isEmpty();
    }
  }

  /**
   * Applies {@code config} by {@code manager} onto {@code live} (null when the object does not
   * exist yet).
   */
  static ApplyResult apply(
      ObjectNode live, ObjectNode config, ResourceInfo resource, String manager, boolean force) {
    boolean withStatus = !resource.hasStatusSubresource();
    ObjectNode applied = config.deepCopy();
    if (!withStatus) {
      applied.remove("status");
    }
    FieldSet appliedFields = FieldSet.of(applied, resource, withStatus);
    String now = now();
    if (live == null) {
      ObjectNode created = applied;
      ManagedFieldsEntry entry =
          new ManagedFieldsEntry(
              manager, ManagedFieldsEntry.APPLY, resource.apiVersion(), "", now, appliedFields);
      ManagedFieldsEntry.write(created, List.of(entry));
      return new ApplyResult(created, List.of());
    }

    List<ManagedFieldsEntry> entries = ManagedFieldsEntry.read(live);
    FieldSet previous = FieldSet.empty();
    List<ApplyConflict> conflicts = new ArrayList<>();
    List<ManagedFieldsEntry> others = new ArrayList<>();
    for (ManagedFieldsEntry entry : entries) {
      if (entry.isSameManager(manager, ManagedFieldsEntry.APPLY, "")) {
        previous = entry.fields();
        continue;
      }
      Set<List<String>> conflicting = new LinkedHashSet<>();
      for (List<String> path : appliedFields.paths()) {
        if (entry.fields().contains(path)
            && isLeaf(path)
            && !Objects.equals(FieldSet.valueAt(live, path), FieldSet.valueAt(applied, path))) {
          conflicting.add(path);
        }
      }
      if (!conflicting.isEmpty() && !force) {
        conflicting.forEach(
            path ->
                conflicts.add(
                    new ApplyConflict(
                        entry.manager(), entry.apiVersion(), FieldSet.display(path))));
      }
      others.add(entry.withFields(entry.fields().minus(conflicting)));
    }
    if (!conflicts.isEmpty()) {
      return new ApplyResult(null, conflicts);
    }

    ObjectNode merged =
        ObjectMerge.merge(live, stripServerMetadata(applied), SchemaContext.root(resource));
    List<List<String>> removed = new ArrayList<>(previous.paths());
    removed.removeAll(appliedFields.paths());
    for (List<String> path : removed) {
      boolean ownedElsewhere =
          appliedFields.ownsAtOrBelow(path)
              || others.stream().anyMatch(other -> other.fields().ownsAtOrBelow(path));
      if (!ownedElsewhere) {
        FieldSet.removeAt(merged, path);
      }
    }
    if (!withStatus && live.has("status")) {
      merged.set("status", live.get("status").deepCopy());
    }

    List<ManagedFieldsEntry> updated = new ArrayList<>();
    boolean placed = false;
    for (ManagedFieldsEntry entry : entries) {
      if (entry.isSameManager(manager, ManagedFieldsEntry.APPLY, "")) {
        updated.add(applyEntry(manager, resource, entry.time(), previous, appliedFields, now));
        placed = true;
        continue;
      }
      others.stream()
          .filter(
              other -> other.isSameManager(entry.manager(), entry.operation(), entry.subresource()))
          .findFirst()
          .ifPresent(updated::add);
    }
    if (!placed) {
      updated.add(applyEntry(manager, resource, now, previous, appliedFields, now));
    }
    ManagedFieldsEntry.write(merged, updated);
    return new ApplyResult(merged, List.of());
  }

  /**
   * Records in {@code updated}'s managedFields that {@code manager} wrote it with an update (or a
   * create when {@code previous} is null): the fields it changed become the manager's, and fields
   * it removed are nobody's.
   */
  static void recordUpdate(
      JsonNode previous,
      ObjectNode updated,
      ResourceInfo resource,
      String manager,
      String subresource) {
    boolean statusWrite = subresource.equals("status");
    boolean withStatus = statusWrite || !resource.hasStatusSubresource();
    FieldSet newFields = FieldSet.of(updated, resource, withStatus);
    Set<List<String>> changed = new LinkedHashSet<>();
    Set<List<String>> removed = new LinkedHashSet<>();
    if (previous == null) {
      changed.addAll(newFields.paths());
    } else {
      for (List<String> path : newFields.paths()) {
        if (!Objects.equals(FieldSet.valueAt(previous, path), FieldSet.valueAt(updated, path))) {
          changed.add(path);
        }
      }
      removed.addAll(FieldSet.of(previous, resource, withStatus).paths());
      removed.removeAll(newFields.paths());
    }
    if (statusWrite) {
      changed.removeIf(path -> !path.get(0).equals("f:status"));
    }

    // Entries come from the request when it carries managedFields, as the API server allows
    // clients to reset ownership that way, and from the stored object otherwise.
    List<ManagedFieldsEntry> entries =
        updated.path("metadata").has("managedFields")
            ? ManagedFieldsEntry.read(updated)
            : ManagedFieldsEntry.read(previous);
    List<ManagedFieldsEntry> result = new ArrayList<>();
    boolean placed = false;
    String now = now();
    for (ManagedFieldsEntry entry : entries) {
      FieldSet remaining = entry.fields().minus(removed);
      if (entry.isSameManager(manager, ManagedFieldsEntry.UPDATE, subresource)) {
        result.add(
            new ManagedFieldsEntry(
                manager,
                ManagedFieldsEntry.UPDATE,
                resource.apiVersion(),
                subresource,
                now,
                remaining.plus(changed)));
        placed = true;
      } else {
        result.add(entry.withFields(remaining.minus(changed)));
      }
    }
    if (!placed && !changed.isEmpty()) {
      result.add(
          new ManagedFieldsEntry(
              manager,
              ManagedFieldsEntry.UPDATE,
              resource.apiVersion(),
              subresource,
              now,
              new FieldSet(changed)));
    }
    ManagedFieldsEntry.write(updated, result);
  }

  private static ManagedFieldsEntry applyEntry(
      String manager,
      ResourceInfo resource,
      String previousTime,
      FieldSet previous,
      FieldSet applied,
      String now) {
    // The time moves only when the manager's set changes, so a repeated identical apply leaves
    // the object byte for byte as it was and the server writes nothing.
    String time = previous.paths().equals(applied.paths()) ? previousTime : now;
    return new ManagedFieldsEntry(
        manager, ManagedFieldsEntry.APPLY, resource.apiVersion(), "", time, applied);
  }

  private static boolean isLeaf(List<String> path) {
    return path.get(path.size() - 1).startsWith("f:");
  }

  private static ObjectNode stripServerMetadata(ObjectNode applied) {
    ObjectNode copy = applied.deepCopy();
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode metadataObject) {
      for (String field :
          List.of(
              "uid",
              "resourceVersion",
              "generation",
              "creationTimestamp",
              "managedFields",
              "deletionTimestamp",
              "selfLink")) {
        metadataObject.remove(field);
      }
    }
    return copy;
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
