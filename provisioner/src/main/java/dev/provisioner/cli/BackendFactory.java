package dev.provisioner.cli;

import dev.provisioner.config.BackendConfig;
import dev.provisioner.config.ConfigException;
import dev.provisioner.config.Stack;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.StateBackend;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps a stack's {@code backend} block to the {@link StateBackend} that keeps its state.
 *
 * <p>Without a block, state is the local file {@code .provisioner/<stack>.state.json} in the
 * folder of the stack file. A {@code local.path} is resolved against that folder too, so a stack
 * finds its state wherever the command is started from.
 */
public final class BackendFactory {

  private BackendFactory() {}

  /** Returns the backend of {@code stack}. */
  public static StateBackend create(Stack stack) {
    return create(stack.backend(), stack.name(), stack.file().toAbsolutePath().getParent());
  }

  /**
   * Returns the backend described by {@code config} for the stack {@code stackName} whose file
   * lies in {@code stackDirectory}.
   *
   * @throws ConfigException when the block names a backend this build cannot use
   */
  public static StateBackend create(
      Optional<BackendConfig> config, String stackName, Path stackDirectory) {
    if (config.isEmpty()) {
      return new LocalBackend(defaultPath(stackName, stackDirectory));
    }
    BackendConfig backend = config.get();
    if (backend.kind().equals("local")) {
      String path = backend.settings().path("path").asText("");
      return new LocalBackend(path.isEmpty() ? defaultPath(stackName, stackDirectory)
          : stackDirectory.resolve(path).normalize());
    }
    throw new ConfigException(backend.position(),
        "backend '" + backend.kind() + "' is not available in this build",
        "use 'local', or a provisioner build that includes the " + backend.kind() + " backend");
  }

  /** Returns {@code <stackDirectory>/.provisioner/<stackName>.state.json}. */
  public static Path defaultPath(String stackName, Path stackDirectory) {
    return stackDirectory.resolve(".provisioner").resolve(stackName + ".state.json");
  }
}
