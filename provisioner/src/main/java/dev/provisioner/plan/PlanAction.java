package dev.provisioner.plan;

import java.util.List;

/** The action a plan takes on one resource. */
public sealed interface PlanAction {

  /** Returns the action's name in plan JSON: create, update, replace, delete, no-op, read
   * or forget. */
  String name();

  /** Returns whether the action changes anything remotely. */
  default boolean isChange() {
    return true;
  }

  /** A new resource is created. */
  record Create() implements PlanAction {
    @Override
    public String name() {
      return "create";
    }
  }

  /**
   * The resource is updated in place.
   *
   * @param changed the attribute paths that change
   */
  record Update(List<String> changed) implements PlanAction {
    public Update {
      changed = List.copyOf(changed);
    }

    @Override
    public String name() {
      return "update";
    }
  }

  /**
   * The resource is deleted and created again.
   *
   * @param changed the attribute paths that change
   * @param forcedBy the changed paths of force-new fields, or {@code tainted} when an earlier
   *     apply left the resource half-made
   * @param createBeforeDestroy whether the new resource is created before the old one is deleted
   */
  record Replace(List<String> changed, List<String> forcedBy, boolean createBeforeDestroy)
      implements PlanAction {
    public Replace {
      changed = List.copyOf(changed);
      forcedBy = List.copyOf(forcedBy);
    }

    @Override
    public String name() {
      return "replace";
    }
  }

  /**
   * The resource is deleted.
   *
   * @param reason why, for example "not in the stack any more" or "destroy"
   */
  record Delete(String reason) implements PlanAction {
    @Override
    public String name() {
      return "delete";
    }
  }

  /** Nothing changes. */
  record NoOp() implements PlanAction {
    @Override
    public String name() {
      return "no-op";
    }

    @Override
    public boolean isChange() {
      return false;
    }
  }

  /**
   * A resource whose create was never recorded was found live and matches the stack; apply only
   * records it in state.
   */
  record Read() implements PlanAction {
    @Override
    public String name() {
      return "read";
    }

    @Override
    public boolean isChange() {
      return false;
    }
  }

  /**
   * A resource whose create never finished was looked up and does not exist, so nothing was
   * created; apply only removes its record from state.
   */
  record Forget() implements PlanAction {
    @Override
    public String name() {
      return "forget";
    }

    @Override
    public boolean isChange() {
      return false;
    }
  }
}
