package dev.provisioner.apply;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A step of an apply, sent in the order it happens. The CLI renders each event as a line of text
 * or of JSON. Events arrive from worker threads.
 */
public sealed interface ApplyEvent {

  /** Returns the address of the resource concerned. */
  String address();

  /** An operation on a resource started. */
  record Started(String address, Operation operation) implements ApplyEvent {
    public Started {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(operation, "operation");
    }
  }

  /** An operation is still running; sent every few seconds while it does. */
  record StillRunning(String address, Operation operation, Duration elapsed)
      implements ApplyEvent {
    public StillRunning {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /** A provider reported progress of a running operation. */
  record Progress(String address, String message) implements ApplyEvent {
    public Progress {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An operation finished.
   *
   * @param id the resource's {@code id} attribute, when it has one
   */
  record Completed(String address, Operation operation, Optional<String> id, Duration elapsed)
      implements ApplyEvent {
    public Completed {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /** An operation failed; {@code message} is the reason, without secrets. */
  record Failed(String address, Operation operation, String message, Duration elapsed)
      implements ApplyEvent {
    public Failed {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }
}
