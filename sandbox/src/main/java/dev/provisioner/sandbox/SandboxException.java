package dev.provisioner.sandbox;

/**
 * The sandbox cannot start or serve: its world folder is in use by another process, unreadable,
 * or its port cannot be bound. The message says which folder or port, and what to do.
 */
public class SandboxException extends RuntimeException {

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
