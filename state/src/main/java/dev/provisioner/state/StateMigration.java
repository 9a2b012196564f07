package dev.provisioner.state;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Copies one stack's state from one backend to another unchanged: the same lineage, serial,
 * resources and outputs, so that saved plans and other users' views of the state stay valid.
 *
 * <p>Both states are locked for the whole copy, the source first. The target must be empty,
 * contain an older version of the same lineage, or already contain the same version. A target
 * with a newer version or another stack's state (a different lineage) is left alone unless the
 * caller requests replacing it.
 */
public final class StateMigration {

  /** The operation recorded in both locks. */
  static final String OPERATION = "state migrate";

  private final Duration lockTimeout;

  /** Creates a migration that waits up to {@code lockTimeout} for each lock. */
  public StateMigration(Duration lockTimeout) {
    this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
  }

  /** Effect of a migration on the target. */
  public enum Outcome {
    /** The target had no state and now contains a copy. */
    COPIED,
    /** The target had an older version of the same lineage and now contains the source's. */
    UPDATED,
    /** The target had another lineage or a newer serial and was replaced on request. */
    REPLACED,
    /** The target already held the same lineage and serial; nothing was written. */
    ALREADY_CURRENT
  }

  /**
   * The result of a migration.
   *
   * @param source where the state was copied from
   * @param target where it was copied to
   * @param lineage lineage of the copied state
   * @param serial serial of the copied state
   * @param outcome what happened to the target
   */
  public record Result(String source, String target, String lineage, long serial,
      Outcome outcome) {

    public Result {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(lineage, "lineage");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * Copies the state of {@code source} to {@code target}.
   *
   * @param replaceTarget whether a target holding another lineage or a newer serial is
   *     overwritten
   * @throws StateLockedException when either state is locked by another run
   * @throws StateConflictException when the target contains state that must not be overwritten
   * @throws StateException when the source has no state, both name the same place, or a read or
   *     write fails
   */
  public Result migrate(StateBackend source, StateBackend target, boolean replaceTarget) {
    if (source.describe().equals(target.describe())) {
      throw new StateException("the source and the target are the same state ("
          + source.describe() + "); name a different target backend");
    }
    try (StateLock sourceLock = source.lock(OPERATION, lockTimeout);
        StateLock targetLock = target.lock(OPERATION, lockTimeout)) {
      StateDocument state = source.read().orElseThrow(() -> new StateException("no state at "
          + source.describe() + " to migrate; check the source backend, or run apply first"));
      Optional<StateDocument> existing = target.read();
      Outcome outcome = outcome(state, existing, target, replaceTarget);
      if (outcome != Outcome.ALREADY_CURRENT) {
        target.write(state, existing.map(StateDocument::serial).orElse(-1L));
        verifyCopy(state, target);
      }
      return new Result(source.describe(), target.describe(), state.lineage(), state.serial(),
          outcome);
    }
  }

  private static Outcome outcome(StateDocument state, Optional<StateDocument> existing,
      StateBackend target, boolean replaceTarget) {
    if (existing.isEmpty()) {
      return Outcome.COPIED;
    }
    StateDocument current = existing.get();
    boolean sameLineage = current.lineage().equals(state.lineage());
    if (sameLineage && current.serial() == state.serial()) {
      return Outcome.ALREADY_CURRENT;
    }
    if (sameLineage && current.serial() < state.serial()) {
      return Outcome.UPDATED;
    }
    if (replaceTarget) {
      return Outcome.REPLACED;
    }
    if (sameLineage) {
      throw new StateConflictException("target " + target.describe() + " contains a newer version "
          + "of this state (serial " + current.serial() + " > " + state.serial() + "); migrate "
          + "in the other direction, or replace it with --force if the source is the one to keep");
    }
    throw new StateConflictException("target " + target.describe() + " contains another stack's "
        + "state (lineage " + current.lineage() + ", serial " + current.serial() + "); choose "
        + "another key or path, or replace it with --force");
  }

  private static void verifyCopy(StateDocument state, StateBackend target) {
    StateDocument copy = target.read().orElseThrow(() -> new StateException("target "
        + target.describe() + " is empty right after the copy was written; run the migration "
        + "again"));
    if (!copy.lineage().equals(state.lineage()) || copy.serial() != state.serial()
        || !Set.copyOf(copy.resources()).equals(Set.copyOf(state.resources()))) {
      throw new StateException("target " + target.describe() + " does not read back as the "
          + "copied state (lineage " + copy.lineage() + ", serial " + copy.serial()
          + "); the source is unchanged, so run the migration again");
    }
  }
}
