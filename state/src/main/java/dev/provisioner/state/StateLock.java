package dev.provisioner.state;

/**
 * A held lock on one stack's state. Closing it releases the lock; closing twice is harmless.
 *
 * <p>Backends whose locks expire (a blob lease) keep them alive until closed.
 */
public interface StateLock extends AutoCloseable {

  /** Returns the details recorded with the lock. */
  LockInfo info();

  /** Releases the lock. Failures to release are logged, not thrown, so they never mask the error
   * that made a command stop. */
  @Override
  void close();
}
