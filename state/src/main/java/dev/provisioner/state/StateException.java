package dev.provisioner.state;

/** State could not be read, decoded or written. */
public class StateException extends RuntimeException {

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
