package dev.provisioner.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRecorderTest {

  @TempDir Path folder;

  private static ResourceState resource(String address) {
    return new ResourceState(address, "folder.thing", "folder",
        JsonNodeFactory.instance.objectNode().put("name", address), List.of(), List.of(),
        ResourceStatus.CREATED);
  }

  @Test
  void everyConcurrentChangeIsOnDiskWhenPutReturns() throws Exception {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateRecorder recorder = new StateRecorder(backend, Optional.empty());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> puts = new ArrayList<>();

    for (int i = 0; i < 40; i++) {
      String address = "r" + i;
      puts.add(pool.submit(() -> {
        recorder.put(resource(address));
        assertTrue(backend.read().orElseThrow().resource(address).isPresent());
      }));
    }
    for (Future<?> put : puts) {
      put.get();
    }
    pool.shutdown();

    StateDocument state = backend.read().orElseThrow();
    assertEquals(40, state.resources().size());
    assertTrue(state.serial() >= 1 && state.serial() <= 40, "serial " + state.serial());
  }

  @Test
  void firstWriteOfNewStateIsSerialOne() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateRecorder recorder = new StateRecorder(backend, Optional.empty());

    recorder.put(resource("a"));

    assertEquals(1, backend.read().orElseThrow().serial());
  }

  @Test
  void stagedResultIsWrittenWithNextPut() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateRecorder recorder = new StateRecorder(backend, Optional.empty());
    recorder.put(resource("a"));

    recorder.stage(resource("b"));
    boolean writtenEarly = backend.read().orElseThrow().resource("b").isPresent();
    recorder.put(resource("c"));

    assertTrue(!writtenEarly);
    StateDocument state = backend.read().orElseThrow();
    assertTrue(state.resource("b").isPresent());
    assertEquals(2, state.serial());
  }

  @Test
  void flushWritesStagedRemoval() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateRecorder recorder = new StateRecorder(backend, Optional.empty());
    recorder.put(resource("a"));

    recorder.stageRemoval("a");
    recorder.flush();

    assertTrue(backend.read().orElseThrow().resources().isEmpty());
  }
}
