package dev.provisioner.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {

  @TempDir Path folder;

  @Test
  void readOfMissingStateIsEmpty() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));

    assertTrue(backend.read().isEmpty());
  }

  @Test
  void firstWriteCreatesPrivateFolderAndFile() throws Exception {
    Path file = folder.resolve("new/.provisioner/s.state.json");
    LocalBackend backend = new LocalBackend(file);

    backend.write(StateCodecTest.sampleState(0), -1);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(0, backend.read().orElseThrow().serial());
  }

  @Test
  void writeKeepsPreviousVersionAsBackup() throws Exception {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    backend.write(StateCodecTest.sampleState(0), -1);

    backend.write(StateCodecTest.sampleState(1), 0);

    assertEquals(1, backend.read().orElseThrow().serial());
    StateDocument backup =
        new StateCodec().decode(Files.readAllBytes(backend.backupFile()), "backup");
    assertEquals(0, backup.serial());
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(backend.backupFile())));
  }

  @Test
  void writeLeavesNoTemporaryFiles() throws Exception {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));

    backend.write(StateCodecTest.sampleState(0), -1);
    backend.write(StateCodecTest.sampleState(1), 0);

    try (var files = Files.list(folder)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void writeWithStaleSerialIsRejected() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    backend.write(StateCodecTest.sampleState(0), -1);
    backend.write(StateCodecTest.sampleState(1), 0);

    StateConflictException error = assertThrows(StateConflictException.class,
        () -> backend.write(StateCodecTest.sampleState(1), 0));

    assertTrue(error.getMessage().contains("serial 1"), error.getMessage());
    assertEquals(1, backend.read().orElseThrow().serial());
  }

  @Test
  void firstWriteIsRejectedWhenStateAppeared() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    backend.write(StateCodecTest.sampleState(0), -1);

    assertThrows(StateConflictException.class,
        () -> backend.write(StateCodecTest.sampleState(0), -1));
  }

  @Test
  void lockFileHoldsHolderAndIsPrivate() throws Exception {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));

    try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
      LockInfo holder = backend.currentHolder().orElseThrow();
      assertEquals(lock.info(), holder);
      assertEquals("apply", holder.operation());
      assertEquals(ProcessHandle.current().pid(), holder.pid());
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(backend.lockFile())));
    }
    assertFalse(Files.exists(backend.lockFile()));
  }

  @Test
  void secondLockFailsAtOnceNamingHolder() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));

    try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
      StateLockedException error = assertThrows(StateLockedException.class,
          () -> backend.lock("plan", Duration.ZERO));

      assertTrue(error.getMessage().startsWith("state is locked by "), error.getMessage());
      assertTrue(error.getMessage().contains("since " + lock.info().created()),
          error.getMessage());
      assertTrue(error.getMessage().contains(lock.info().id()), error.getMessage());
      assertEquals(lock.info(), error.holder().orElseThrow());
    }
  }

  @Test
  void lockWaitsForReleaseWithinTimeout() throws Exception {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateLock first = backend.lock("apply", Duration.ZERO);

    CompletableFuture<StateLock> second =
        CompletableFuture.supplyAsync(() -> backend.lock("plan", Duration.ofSeconds(30)));
    first.close();

    try (StateLock lock = second.get(30, TimeUnit.SECONDS)) {
      assertEquals("plan", backend.currentHolder().orElseThrow().operation());
    }
  }

  @Test
  void forceUnlockRemovesLockWithMatchingId() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateLock stale = backend.lock("apply", Duration.ZERO);

    backend.forceUnlock(stale.info().id());

    assertTrue(backend.currentHolder().isEmpty());
    try (StateLock lock = backend.lock("plan", Duration.ZERO)) {
      stale.close();
      assertEquals(lock.info(), backend.currentHolder().orElseThrow());
    }
  }

  @Test
  void forceUnlockWithWrongIdIsRejected() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));

    try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
      assertThrows(StateException.class, () -> backend.forceUnlock("not-the-id"));
      assertTrue(backend.currentHolder().isPresent());
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    LocalBackend backend = new LocalBackend(folder.resolve("s.state.json"));
    StateLock lock = backend.lock("apply", Duration.ZERO);

    lock.close();
    lock.close();

    assertTrue(backend.currentHolder().isEmpty());
  }
}
