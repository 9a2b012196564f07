package dev.provisioner.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Where one stack's state is kept. Implementations: a local file and an Azure Blob.
 *
 * <p>Every command that may write takes the lock first, then reads, then writes through the same
 * backend. A write states the serial it expects to replace, so two writers can never silently
 * overwrite each other even where the lock is not honoured.
 */
public interface StateBackend {

  /** Returns a human-readable location, for example a file path or a blob URL without its SAS. */
  String describe();

  /**
   * Reads the current state.
   *
   * @return empty when no state was ever written
   * @throws StateException when the state cannot be read or is of a newer format
   */
  Optional<StateDocument> read();

  /**
   * Writes {@code document} in place of the version whose serial is {@code expectedSerial}
   * ({@code -1} when no state exists yet), keeping the previous version.
   *
   * @throws StateConflictException when the stored serial is not {@code expectedSerial}
   * @throws StateException when the write fails; the previous version stays readable
   */
  void write(StateDocument document, long expectedSerial);

  /**
   * Takes the lock, waiting up to {@code timeout} for a holder to release it.
   *
   * @throws StateLockedException when another holder keeps it past the timeout
   */
  StateLock lock(String operation, Duration timeout);

  /**
   * Removes a lock left behind by a process that died.
   *
   * @throws StateException when no lock with that id is held
   */
  void forceUnlock(String lockId);
}
