package dev.provisioner.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a plan found: the change of every resource in the stack or in state, drift, output
 * changes and warnings, and the stack and state version it was made from.
 *
 * @param stackName the stack's name
 * @param stackHash {@code Stack.sourceHash()} of the stack planned
 * @param lineage the state's lineage, empty when there was no state
 * @param serial the state's serial, {@code -1} when there was no state
 * @param destroy whether this is a destroy plan
 * @param changes one entry per resource, no-ops included, in dependency order
 * @param drift changes made outside the tool that the refresh found
 * @param outputs output changes
 * @param targets the {@code --target} addresses, empty for the whole stack
 * @param warnings warnings to show with the plan
 */
public record Plan(
    String stackName,
    String stackHash,
    Optional<String> lineage,
    long serial,
    boolean destroy,
    List<ResourceChange> changes,
    List<Drift> drift,
    List<OutputChange> outputs,
    List<String> targets,
    List<String> warnings) {

  public Plan {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(stackHash, "stackHash");
    Objects.requireNonNull(lineage, "lineage");
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    outputs = List.copyOf(outputs);
    targets = List.copyOf(targets);
    warnings = List.copyOf(warnings);
  }

  /** Returns the change planned for {@code address}, if the plan covers it. */
  public Optional<ResourceChange> change(String address) {
    return changes.stream().filter(c -> c.address().equals(address)).findFirst();
  }

  /** Returns whether applying the plan would change any resource or output. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.action().isChange())
        || outputs.stream().anyMatch(OutputChange::isChange);
  }

  /** Returns whether applying the plan would change any resource, or record a found one. */
  public boolean hasResourceWork() {
    return changes.stream().anyMatch(c -> !(c.action() instanceof PlanAction.NoOp));
  }

  /** Returns the number of resources per kind of change. */
  public Counts counts() {
    int add = 0;
    int change = 0;
    int replace = 0;
    int destroy = 0;
    for (ResourceChange resource : changes) {
      PlanAction action = resource.action();
      if (action instanceof PlanAction.Create) {
        add++;
      } else if (action instanceof PlanAction.Update) {
        change++;
      } else if (action instanceof PlanAction.Replace) {
        replace++;
      } else if (action instanceof PlanAction.Delete) {
        destroy++;
      }
    }
    return new Counts(add, change, replace, destroy);
  }

  /** Resources per kind of change, as the plan summary line shows them. */
  public record Counts(int add, int change, int replace, int destroy) {

    /** Returns "Plan: N to add, N to change, N to replace, N to destroy." */
    public String summaryLine() {
      return "Plan: " + add + " to add, " + change + " to change, " + replace + " to replace, "
          + destroy + " to destroy.";
    }
  }
}
