package dev.provisioner.state;

/** Lifecycle status of a recorded resource. */
public enum ResourceStatus {
  /** The resource exists and its attributes were read back after the last change. */
  CREATED,
  /**
   * A create was started but its result was never recorded: the process may have died between
   * the cloud creating the resource and the state being saved. The next plan reads it back by
   * name instead of forgetting it.
   */
  PENDING_CREATE,
  /** A create or update failed part-way; the next plan replaces the resource. */
  TAINTED
}
