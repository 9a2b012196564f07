package dev.provisioner.config;

import java.util.List;

/**
 * Per-resource lifecycle rules.
 *
 * @param preventDestroy a plan that would delete or replace the resource is an error
 * @param ignoreChanges property paths whose differences are not planned as changes
 * @param createBeforeDestroy a replacement creates the new resource before deleting the old one
 */
public record Lifecycle(
    boolean preventDestroy, List<String> ignoreChanges, boolean createBeforeDestroy) {

  /** No rules. */
  public static final Lifecycle NONE = new Lifecycle(false, List.of(), false);

  public Lifecycle {
    ignoreChanges = List.copyOf(ignoreChanges);
  }
}
