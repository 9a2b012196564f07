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
 * Writes state after every change of one resource. A call returns only once its change is on
 * disk. Changes that arrive while a write is in progress are written together by the next write
 * (a group commit), so concurrent workers do not queue behind one write each. Every write
 * increments the serial and states the serial it replaces. Thread-safe.
 */
public final class StateRecorder {

  private final StateBackend backend;
  private final Map<String, ResourceState> resources = new LinkedHashMap<>();
  private Map<String, OutputState> outputs;
  private final String lineage;
  private long serial;
  private Optional<StateDocument> current;
  private long changesRequested;
  private long changesWritten;
  private boolean writing;

  /** Starts from {@code initial}, the state read under the lock; empty for a new stack. */
  public StateRecorder(StateBackend backend, Optional<StateDocument> initial) {
    this.backend = backend;
    this.current = initial;
    this.lineage = initial.map(StateDocument::lineage)
        .orElseGet(() -> UUID.randomUUID().toString());
    this.serial = initial.map(StateDocument::serial).orElse(-1L);
    this.outputs = new LinkedHashMap<>(initial.map(StateDocument::outputs).orElse(Map.of()));
    initial.ifPresent(s -> s.resources().forEach(r -> resources.put(r.address(), r)));
  }

  /** Records {@code resource}, replacing what was recorded at its address, and writes. */
  public void put(ResourceState resource) {
    long change;
    synchronized (this) {
      resources.put(resource.address(), resource);
      change = ++changesRequested;
    }
    commit(change);
  }

  /**
   * Records the result of a finished operation without waiting for it to be written: it is
   * written by the next write, which the next {@link #put} (typically the pending record of a
   * dependent about to start) or {@link #flush} makes. This saves one write per resource on the
   * critical path of an apply; a crash before that write leaves the resource's pending record,
   * which the next plan resolves.
   */
  public void stage(ResourceState resource) {
    synchronized (this) {
      resources.put(resource.address(), resource);
      ++changesRequested;
    }
  }

  /** Records the removal of {@code address} without waiting, like {@link #stage}. */
  public void stageRemoval(String address) {
    synchronized (this) {
      if (resources.remove(address) != null) {
        ++changesRequested;
      }
    }
  }

  /** Writes every change recorded so far, if any is not written yet, and waits for it. */
  public void flush() {
    long change;
    synchronized (this) {
      change = changesRequested;
    }
    commit(change);
  }

  /** Removes the resource at {@code address}, if recorded, and writes. */
  public void remove(String address) {
    long change;
    synchronized (this) {
      if (resources.remove(address) == null) {
        return;
      }
      change = ++changesRequested;
    }
    commit(change);
  }

  /** Replaces the outputs and writes, if they differ from the recorded ones. */
  public void outputs(Map<String, OutputState> newOutputs) {
    long change;
    synchronized (this) {
      if (newOutputs.equals(outputs) && current.isPresent()) {
        return;
      }
      outputs = new LinkedHashMap<>(newOutputs);
      change = ++changesRequested;
    }
    commit(change);
  }

  /** Applies several changes with one write. */
  public void replaceAll(Map<String, ResourceState> updated, Iterable<String> removed) {
    long change;
    synchronized (this) {
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
      if (!changed) {
        return;
      }
      change = ++changesRequested;
    }
    commit(change);
  }

  /** Returns the resource recorded at {@code address}. */
  public synchronized Optional<ResourceState> resource(String address) {
    return Optional.ofNullable(resources.get(address));
  }

  /** Returns the state as last written, or as read when nothing was written yet. */
  public synchronized Optional<StateDocument> current() {
    return current;
  }

  // Returns once change number `change` is on disk. One caller at a time writes everything
  // requested so far, without holding the monitor during the write; the others wait for it and
  // then either find their change written or write the next batch themselves.
  private void commit(long change) {
    while (true) {
      StateDocument next;
      long batch;
      long expected;
      synchronized (this) {
        if (changesWritten >= change) {
          return;
        }
        if (writing) {
          awaitWrite();
          continue;
        }
        writing = true;
        batch = changesRequested;
        expected = serial;
        // A new state's first version is serial 1; -1 stands for "no state yet".
        long nextSerial = serial < 0 ? 1 : serial + 1;
        next = new StateDocument(StateDocument.CURRENT_FORMAT_VERSION, lineage, nextSerial,
            new ArrayList<>(resources.values()), outputs);
      }
      RuntimeException failure = null;
      try {
        backend.write(next, expected);
      } catch (RuntimeException e) {
        failure = e;
      }
      synchronized (this) {
        writing = false;
        if (failure == null) {
          serial = next.serial();
          current = Optional.of(next);
          changesWritten = batch;
        }
        notifyAll();
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private void awaitWrite() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for state to be written", e);
    }
  }
}
