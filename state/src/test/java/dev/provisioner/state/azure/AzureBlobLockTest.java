package dev.provisioner.state.azure;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LockInfo;
import dev.provisioner.state.StateException;
import dev.provisioner.state.StateLock;
import dev.provisioner.state.StateLockedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureBlobLockTest {

  @RegisterExtension static final AzuriteExtension azurite = new AzuriteExtension();

  /** The shortest lease the service grants; renewals come every third of it. */
  private static final Duration SHORT_LEASE = Duration.ofSeconds(15);

  @Test
  void secondLockNamesHolderAndSince() {
    AzureBlobBackend first = azurite.backend("held.json");
    AzureBlobBackend second = azurite.backend("held.json");

    try (StateLock held = first.lock("apply", Duration.ZERO)) {
      StateLockedException e = assertThrows(StateLockedException.class,
          () -> second.lock("plan", Duration.ZERO));

      LockInfo holder = e.holder().orElseThrow();
      assertEquals(held.info(), holder);
      assertEquals(ProcessHandle.current().pid(), holder.pid());
      assertEquals("apply", holder.operation());
      assertTrue(e.getMessage().contains("since " + held.info().created()), e.getMessage());
      assertTrue(e.getMessage().contains("force-unlock " + held.info().id()), e.getMessage());
    }
  }

  @Test
  void closedLockCanBeTakenAgain() {
    AzureBlobBackend backend = azurite.backend("reused.json");
    backend.lock("apply", Duration.ZERO).close();

    try (StateLock again = backend.lock("destroy", Duration.ZERO)) {
      assertEquals("destroy", backend.currentHolder().orElseThrow().operation());
    }
    assertTrue(backend.currentHolder().isEmpty());
    assertTrue(backend.staleHolder().isEmpty());
  }

  @Test
  void lockIsReleasedWhenWorkFails() {
    AzureBlobBackend backend = azurite.backend("failing.json");

    assertThrows(IllegalStateException.class, () -> {
      try (StateLock lock = backend.lock("apply", Duration.ZERO)) {
        throw new IllegalStateException("apply failed");
      }
    });

    try (StateLock next = azurite.backend("failing.json").lock("apply", Duration.ZERO)) {
      assertNotNull(next.info());
    }
  }

  @Test
  void waitingLockProceedsWhenHolderReleases() throws Exception {
    AzureBlobBackend backend = azurite.backend("waited.json");
    StateLock held = backend.lock("apply", Duration.ZERO);
    CompletableFuture<StateLock> waiting = CompletableFuture.supplyAsync(
        () -> azurite.backend("waited.json").lock("apply", Duration.ofSeconds(50)));

    Thread.sleep(1500);
    held.close();

    try (StateLock taken = waiting.get(60, TimeUnit.SECONDS)) {
      assertEquals(taken.info(), backend.currentHolder().orElseThrow());
    }
  }

  @Test
  void forceUnlockBreaksTheLease() {
    AzureBlobBackend holderBackend = azurite.backend("forced.json");
    AzureBlobBackend rescuer = azurite.backend("forced.json");
    StateLock abandoned = holderBackend.lock("apply", Duration.ZERO);

    rescuer.forceUnlock(abandoned.info().id());

    assertTrue(rescuer.currentHolder().isEmpty());
    assertTrue(rescuer.staleHolder().isEmpty());
    try (StateLock taken = rescuer.lock("apply", Duration.ZERO)) {
      assertEquals(taken.info(), rescuer.currentHolder().orElseThrow());
      // The old holder's close must neither throw nor release the new holder's lease.
      abandoned.close();
      assertEquals(taken.info(), rescuer.currentHolder().orElseThrow());
    }
  }

  @Test
  void forceUnlockRejectsAnotherLockId() {
    AzureBlobBackend backend = azurite.backend("wrong-id.json");

    try (StateLock held = backend.lock("apply", Duration.ZERO)) {
      StateException e = assertThrows(StateException.class,
          () -> backend.forceUnlock("not-the-id"));

      assertTrue(e.getMessage().contains("locked with id " + held.info().id()), e.getMessage());
      assertEquals(held.info(), backend.currentHolder().orElseThrow());
    }
  }

  @Test
  void forceUnlockOfUnlockedStateFails() {
    AzureBlobBackend backend = azurite.backend("unlocked.json");
    backend.lock("apply", Duration.ZERO).close();

    StateException e = assertThrows(StateException.class, () -> backend.forceUnlock("any"));

    assertTrue(e.getMessage().contains("is not locked"), e.getMessage());
  }

  @Test
  void heldLockOutlivesItsLeaseDuration() throws Exception {
    AzureBlobBackend holder = shortLeaseBackend("renewed.json");
    AzureBlobBackend other = azurite.backend("renewed.json");

    try (StateLock held = holder.lock("apply", Duration.ZERO)) {
      // Longer than the lease: without renewals the service would end it by now.
      Thread.sleep(SHORT_LEASE.plusSeconds(3).toMillis());

      StateLockedException e = assertThrows(StateLockedException.class,
          () -> other.lock("plan", Duration.ZERO));
      assertEquals(held.info(), e.holder().orElseThrow());
    }
  }

  @Test
  void forceUnlockedHolderCannotWrite() throws Exception {
    AzureBlobBackend holder = shortLeaseBackend("lost.json");
    holder.write(TestStates.state("lineage-lost", 1), -1);
    BlobLease held = (BlobLease) holder.lock("apply", Duration.ZERO);

    azurite.backend("lost.json").forceUnlock(held.info().id());
    for (int i = 0; i < 300 && !held.isLost(); i++) {
      Thread.sleep(100);
    }

    assertTrue(held.isLost());
    StateLockedException e = assertThrows(StateLockedException.class,
        () -> holder.write(TestStates.state("lineage-lost", 2), 1));
    assertTrue(e.getMessage().contains("was lost"), e.getMessage());
    assertEquals(1, holder.read().orElseThrow().serial());
    held.close();
  }

  private static AzureBlobBackend shortLeaseBackend(String key) {
    return new AzureBlobBackend(azurite.settings("state", key),
        new BlobCredentials.ConnectionString(azurite.connectionString()),
        AzureBlobBackend.newHttpClient(), SHORT_LEASE);
  }

  @Test
  void twoProcessesContendAndExactlyOneProceeds() throws Exception {
    try (LockProcess a = LockProcess.start(azurite, "contended.json");
        LockProcess b = LockProcess.start(azurite, "contended.json")) {
      String lineA = a.readLine();
      String lineB = b.readLine();

      boolean aWon = lineA.startsWith("LOCKED");
      LockProcess winner = aWon ? a : b;
      LockProcess loser = aWon ? b : a;
      String winnerLine = aWon ? lineA : lineB;
      String loserLine = aWon ? lineB : lineA;
      assertTrue(winnerLine.startsWith("LOCKED "), winnerLine);
      assertEquals("BUSY " + winner.pid(), loserLine);
      String message = loser.readLine();
      assertTrue(message.contains("pid " + winner.pid() + ", apply"), message);
      assertTrue(message.contains(winnerLine.substring("LOCKED ".length())), message);
      assertEquals(LockHolderMain.BUSY, loser.waitForExit());

      winner.release();
      assertEquals("RELEASED", winner.readLine());
      assertEquals(0, winner.waitForExit());
    }
    try (StateLock after = azurite.backend("contended.json").lock("apply", Duration.ZERO)) {
      assertNotNull(after.info());
    }
  }

  @Test
  void terminatedProcessReleasesLockFromShutdownHook() throws Exception {
    AzureBlobBackend backend = azurite.backend("terminated.json");
    String log;
    try (LockProcess holder = LockProcess.start(azurite, "terminated.json")) {
      assertTrue(holder.readLine().startsWith("LOCKED "));

      holder.terminate();
      log = holder.log();
    }

    assertTrue(log.contains("because the JVM is shutting down"), log);
    assertTrue(backend.currentHolder().isEmpty(), log);
    assertTrue(backend.staleHolder().isEmpty(), log);
    StateLock after = assertDoesNotThrow(() -> backend.lock("apply", Duration.ZERO), log);
    after.close();
  }

  @Test
  void killedProcessLeavesLockThatForceUnlockClears() throws Exception {
    AzureBlobBackend backend = azurite.backend("killed.json");
    long holderPid;
    String lockId;
    try (LockProcess holder = LockProcess.start(azurite, "killed.json")) {
      lockId = holder.readLine().substring("LOCKED ".length());
      holderPid = holder.pid();

      holder.kill();
    }

    StateLockedException e = assertThrows(StateLockedException.class,
        () -> backend.lock("apply", Duration.ZERO));
    assertEquals(holderPid, e.holder().orElseThrow().pid());
    assertEquals(lockId, e.holder().orElseThrow().id());

    backend.forceUnlock(lockId);
    try (StateLock after = backend.lock("apply", Duration.ZERO)) {
      assertNotNull(after.info());
    }
  }
}
