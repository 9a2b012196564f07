package dev.provisioner.state;

import java.util.Optional;

/** The state is locked by someone else. The message names the holder and since when. */
public class StateLockedException extends StateException {

  private final LockInfo holder;

  public StateLockedException(String message, LockInfo holder) {
    super(message);
    this.holder = holder;
  }

  /** Returns the holder, when the backend could read who it is. */
  public Optional<LockInfo> holder() {
    return Optional.ofNullable(holder);
  }
}
