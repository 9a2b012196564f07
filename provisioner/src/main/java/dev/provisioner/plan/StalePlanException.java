package dev.provisioner.plan;

/**
 * A saved plan no longer matches: the stack or the state changed since it was made, or a value
 * resolved again at apply changes what it would do.
 */
public class StalePlanException extends RuntimeException {

  public StalePlanException(String message) {
    super(message);
  }
}
