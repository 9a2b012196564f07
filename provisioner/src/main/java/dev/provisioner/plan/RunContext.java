package dev.provisioner.plan;

import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.RunSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state one CLI run shares between the provider calls of its plan and apply: the settings,
 * the run-scoped objects providers keep (clients), the progress sink and the cancellation flag.
 * Closing it closes every shared object that is {@link AutoCloseable}.
 */
public final class RunContext implements AutoCloseable {

  /** How long a provider may wait for one resource to become ready when nothing else is set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private static final Logger log = LoggerFactory.getLogger(RunContext.class);

  private final RunSettings settings;
  private final Duration timeout;
  private final Map<String, Object> shared = new ConcurrentHashMap<>();
  private final List<Object> creationOrder = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile BiConsumer<String, String> progressSink = (address, message) -> {};

  public RunContext(RunSettings settings, Duration timeout) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Returns the run's settings. */
  public RunSettings settings() {
    return settings;
  }

  /** Sends provider progress messages to {@code sink}, which receives address and message. */
  public void onProgress(BiConsumer<String, String> sink) {
    this.progressSink = Objects.requireNonNull(sink, "sink");
  }

  /** Asks every running provider call to return early. */
  public void cancel() {
    cancelled.set(true);
  }

  /** Returns whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Returns the context for one operation on the resource at {@code address}. */
  public OperationContext forResource(String address) {
    return new ResourceContext(address);
  }

  @Override
  public void close() {
    List<Object> toClose;
    synchronized (creationOrder) {
      toClose = new ArrayList<>(creationOrder);
      creationOrder.clear();
    }
    Collections.reverse(toClose);
    for (Object object : toClose) {
      if (object instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("closing {} failed: {}", object.getClass().getName(), e.toString());
        }
      }
    }
    shared.clear();
  }

  private final class ResourceContext implements OperationContext {
    private final String address;

    ResourceContext(String address) {
      this.address = address;
    }

    @Override
    public String address() {
      return address;
    }

    @Override
    public RunSettings settings() {
      return settings;
    }

    @Override
    public void progress(String message) {
      progressSink.accept(address, message);
    }

    @Override
    public <T> T shared(String key, Class<T> type, Supplier<T> factory) {
      Object value = shared.computeIfAbsent(key, k -> {
        T created = factory.get();
        creationOrder.add(created);
        return created;
      });
      return type.cast(value);
    }

    @Override
    public Duration timeout() {
      return timeout;
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }
  }
}
