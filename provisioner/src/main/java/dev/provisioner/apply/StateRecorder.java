package dev.provisioner.apply;

import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes state after every change of one resource, incrementing the serial each time and
 * writing only over the version it wrote before. Thread-safe: apply workers call it
 * concurrently and writes are serialized.
 */
public final class StateRecorder {

  private final StateBackend backend;
  private final Map<String, ResourceState> resources = new LinkedHashMap<>();
  private Map<String, OutputState> outputs;
  private String lineage;
  private long serial;
  private Optional<StateDocument> current;

  /** Starts from {@code initial}, the state read under the lock; empty for a new stack. */
  public StateRecorder(StateBackend backend, Optional<StateDocument> initial) {
    this.backend = backend;
    this.current = initial;
    this.lineage = initial.map(StateDocument::lineage).orElseGet(() -> UUID.randomUUID().toString());
    this.serial = initial.map(StateDocument::serial).orElse(-1L);
    this.outputs = new LinkedHashMap<>(initial.map(StateDocument::outputs).orElse(Map.of()));
    initial.ifPresent(s -> s.resources().forEach(r -> resources.put(r.address(), r)));
  }

  /** Records {@code resource}, replacing what was recorded at its address, and writes. */
  public synchronized void put(ResourceState resource) {
    resources.put(resource.address(), resource);
    write();
  }

  /** Removes the resource at {@code address}, if recorded, and writes. */
  public synchronized void remove(String address) {
    if (resources.remove(address) != null) {
      write();
    }
  }

  /** Replaces the outputs and writes, if they differ from the recorded ones. */
  public synchronized void outputs(Map<String, OutputState> newOutputs) {
    if (!newOutputs.equals(outputs) || current.isEmpty()) {
      outputs = new LinkedHashMap<>(newOutputs);
      write();
    }
  }

  /** Applies several changes with one write. */
  public synchronized void replaceAll(Map<String, ResourceState> updated, Iterable<String> removed) {
    boolean changed = false;
    for (ResourceState resource : updated.values()) {
      if (!resource.equals(resources.get(resource.address()))) {
        resources.put(resource.address(), resource);
        changed = true;
      }
    }
    for (String address : removed) {
      changed |= resources.remove(address) != null;
    }
    if (changed) {
      write();
    }
  }

  /** Returns the resource recorded at {@code address}. */
  public synchronized Optional<ResourceState> resource(String address) {
    return Optional.ofNullable(resources.get(address));
  }

  /** Returns the state as last written, or as read when nothing was written yet. */
  public synchronized Optional<StateDocument> current() {
    return current;
  }

  private void write() {
    // A new state's first version is serial 1; -1 stands for "no state yet".
    long nextSerial = serial < 0 ? 1 : serial + 1;
    StateDocument next = new StateDocument(StateDocument.CURRENT_FORMAT_VERSION, lineage,
        nextSerial, new ArrayList<>(resources.values()), outputs);
    backend.write(next, serial);
    serial = next.serial();
    current = Optional.of(next);
  }
}
