package dev.provisioner.provider.azure;

import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.RunSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An {@link OperationContext} for calling resource types directly: one run's shared objects,
 * progress messages collected for assertions.
 */
final class TestContext implements OperationContext, AutoCloseable {

  private final RunSettings settings;
  private final Map<String, Object> shared = new ConcurrentHashMap<>();
  private final List<String> progress = new ArrayList<>();
  private String address = "test";

  TestContext(RunSettings settings) {
    this.settings = settings;
  }

  /** Returns this context for the resource at {@code address}. */
  TestContext at(String address) {
    this.address = address;
    return this;
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
  public synchronized void progress(String message) {
    progress.add(message);
  }

  synchronized List<String> progressMessages() {
    return List.copyOf(progress);
  }

  @Override
  public <T> T shared(String key, Class<T> type, Supplier<T> factory) {
    return type.cast(shared.computeIfAbsent(key, k -> factory.get()));
  }

  @Override
  public Duration timeout() {
    return Duration.ofMinutes(5);
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public void close() throws Exception {
    for (Object value : shared.values()) {
      if (value instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
