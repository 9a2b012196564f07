package dev.provisioner.state;

/** A conditional write found a different version of the state than the writer read. */
public class StateConflictException extends StateException {

  public StateConflictException(String message) {
    super(message);
  }
}
