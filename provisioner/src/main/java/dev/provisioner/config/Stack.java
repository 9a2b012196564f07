package dev.provisioner.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated stack: variables and modules resolved, properties checked against the
 * provider schemas, references checked to exist.
 *
 * @param name the {@code stack} key; names the state
 * @param description the {@code description} key, may be empty
 * @param file the stack file
 * @param backend the backend block; empty means local state under {@code .provisioner/}
 * @param azure the resolved {@code azure} block, empty when absent
 * @param resources every resource, modules flattened, in written order
 * @param outputs the stack's outputs
 * @param sourceHash SHA-256 of every file the stack was loaded from and the variable values, so
 *     that a saved plan can tell the stack changed
 */
public record Stack(
    String name,
    String description,
    Path file,
    Optional<BackendConfig> backend,
    ObjectNode azure,
    List<ResourceConfig> resources,
    List<OutputConfig> outputs,
    String sourceHash) {

  public Stack {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(azure, "azure");
    resources = List.copyOf(resources);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(sourceHash, "sourceHash");
  }

  /** Returns the resource at {@code address}. */
  public Optional<ResourceConfig> resource(ResourceAddress address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst();
  }
}
