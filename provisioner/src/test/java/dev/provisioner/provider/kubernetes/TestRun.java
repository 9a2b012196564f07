package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One run as the engine would make it for tests: settings, run-scoped shared objects closed at
 * the end, and an operation context per resource address that records progress messages.
 */
public final class TestRun implements AutoCloseable {

  private final RunSettings settings;
  private final Map<String, Object> shared = new ConcurrentHashMap<>();
  private final List<String> progress = new ArrayList<>();
  private final Duration timeout;

  /** Creates a run of stack {@code test} in {@code stackDirectory} with a manifest mirror. */
  public TestRun(Path stackDirectory, Optional<Path> mirror, Duration timeout) {
    this.settings =
        new RunSettings(
            "test",
            stackDirectory,
            stackDirectory.resolve(".provisioner"),
            JsonNodeFactory.instance.objectNode(),
            // Downloads go to a cache inside the test's folder, never to the user's home.
            Map.of("XDG_CACHE_HOME", stackDirectory.resolve(".cache").toString()),
            mirror,
            Map.of());
    this.timeout = timeout;
  }

  /** Returns the context for operations on the resource at {@code address}. */
  public OperationContext context(String address) {
    return new OperationContext() {
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
        synchronized (progress) {
          progress.add(address + ": " + message);
        }
      }

      @Override
      public <T> T shared(String key, Class<T> type, Supplier<T> factory) {
        return type.cast(shared.computeIfAbsent(key, k -> factory.get()));
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
  }

  /** Returns the progress messages reported so far. */
  public List<String> progress() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
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
