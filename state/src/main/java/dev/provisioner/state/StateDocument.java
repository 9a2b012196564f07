package dev.provisioner.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stack's state: the format version, the lineage fixed when the state was first written, the
 * serial incremented by every write, the recorded resources and the outputs.
 *
 * <p>Lineage and serial together identify one version of the state: a saved plan records both and
 * is rejected when either moved.
 */
public record StateDocument(
    int formatVersion,
    String lineage,
    long serial,
    List<ResourceState> resources,
    Map<String, OutputState> outputs) {

  /** The format version this build writes. */
  public static final int CURRENT_FORMAT_VERSION = 1;

  public StateDocument {
    Objects.requireNonNull(lineage, "lineage");
    resources = List.copyOf(resources);
    outputs = Map.copyOf(outputs);
  }

  /** Returns the resource recorded at {@code address}, if any. */
  public Optional<ResourceState> resource(String address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst();
  }
}
