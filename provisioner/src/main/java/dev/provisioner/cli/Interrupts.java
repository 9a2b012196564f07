package dev.provisioner.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Handles Ctrl-C during an apply: the first press runs {@code graceful}, the second
 * {@code immediate}. {@link #stopOnTermination} instead lets a long-running command stop cleanly
 * on SIGINT or SIGTERM. The previous handlers are restored on close.
 *
 * <p>NOTE: Java has no public API for intercepting SIGINT without exiting, so this uses
 * {@code sun.misc.Signal} from the {@code jdk.unsupported} module. A third press exits the JVM;
 * the state lock is then released by its shutdown hook.
 */
final class Interrupts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Interrupts.class);
  private static final Signal INT = new Signal("INT");
  private static final Signal TERM = new Signal("TERM");

  private final Map<Signal, SignalHandler> previous;

  private Interrupts(Map<Signal, SignalHandler> previous) {
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
      return new Interrupts(Map.of(INT, previous));
    } catch (IllegalArgumentException e) {
      log.debug("cannot handle SIGINT here: {}", e.toString());
      return new Interrupts(Map.of());
    }
  }

  /**
   * Runs {@code stop} on SIGINT or SIGTERM instead of exiting, so the command returns normally
   * and its exit code is its own rather than 130 or 143. A signal that cannot be handled here
   * keeps its default action.
   */
  static Interrupts stopOnTermination(Runnable stop) {
    Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    for (Signal signal : List.of(INT, TERM)) {
      try {
        previous.put(signal, Signal.handle(signal, received -> stop.run()));
      } catch (IllegalArgumentException e) {
        log.debug("cannot handle SIG{} here: {}", signal.getName(), e.toString());
      }
    }
    return new Interrupts(previous);
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
