package dev.provisioner.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Handles Ctrl-C during an apply: the first press runs {@code graceful}, the second
 * {@code immediate}; the previous handler is restored on close.
 *
 * <p>NOTE: Java has no public API for intercepting SIGINT without exiting, so this uses
 * {@code sun.misc.Signal} from the {@code jdk.unsupported} module. A third press exits the JVM;
 * the state lock is then released by its shutdown hook.
 */
final class Interrupts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Interrupts.class);
  private static final Signal INT = new Signal("INT");

  private final SignalHandler previous;

  private Interrupts(SignalHandler previous) {
    this.previous = previous;
  }

  /** Installs the two-step handler; when signals cannot be handled, installs nothing. */
  static Interrupts install(Runnable graceful, Runnable immediate) {
    AtomicInteger presses = new AtomicInteger();
    try {
      SignalHandler previous = Signal.handle(INT, signal -> {
        int press = presses.incrementAndGet();
        if (press == 1) {
          graceful.run();
        } else if (press == 2) {
          immediate.run();
        } else {
          System.exit(130);
        }
      });
      return new Interrupts(previous);
    } catch (IllegalArgumentException e) {
      log.debug("cannot handle SIGINT here: {}", e.toString());
      return new Interrupts(null);
    }
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(INT, previous);
    }
  }
}
