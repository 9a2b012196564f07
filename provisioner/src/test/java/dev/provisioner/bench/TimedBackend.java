package dev.provisioner.bench;

import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateLock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A backend that counts the writes it passes on and the time they take. */
final class TimedBackend implements StateBackend {

  final AtomicLong writes = new AtomicLong();
  final AtomicLong writeNanos = new AtomicLong();
  private final StateBackend delegate;

  TimedBackend(StateBackend delegate) {
    this.delegate = delegate;
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public Optional<StateDocument> read() {
    return delegate.read();
  }

  @Override
  public void write(StateDocument document, long expectedSerial) {
    long started = System.nanoTime();
    delegate.write(document, expectedSerial);
    writeNanos.addAndGet(System.nanoTime() - started);
    writes.incrementAndGet();
  }

  @Override
  public StateLock lock(String operation, Duration timeout) {
    return delegate.lock(operation, timeout);
  }

  @Override
  public void forceUnlock(String lockId) {
    delegate.forceUnlock(lockId);
  }
}
