package dev.provisioner.apply;

import dev.provisioner.state.StateDocument;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of an apply.
 *
 * @param added resources created, replacements included
 * @param changed resources updated in place
 * @param destroyed resources deleted, replacements included
 * @param errors one line per failed resource, starting with its address
 * @param stopped whether the user interrupted the apply
 * @param state the state as last written, empty when nothing was ever written
 */
public record ApplyResult(
    int added,
    int changed,
    int destroyed,
    List<String> errors,
    boolean stopped,
    Optional<StateDocument> state) {

  public ApplyResult {
    errors = List.copyOf(errors);
  }

  /** Returns whether every planned operation succeeded. */
  public boolean isSuccess() {
    return errors.isEmpty() && !stopped;
  }
}
