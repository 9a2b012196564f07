package dev.provisioner.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateMigrationTest {

  @TempDir Path folder;

  private final StateMigration migration = new StateMigration(Duration.ZERO);

  @Test
  void copyKeepsLineageAndSerial() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));
    source.write(StateCodecTest.sampleState(7), -1);

    StateMigration.Result result = migration.migrate(source, target, false);

    assertEquals(StateMigration.Outcome.COPIED, result.outcome());
    StateDocument copy = target.read().orElseThrow();
    assertEquals("lineage-1", copy.lineage());
    assertEquals(7, copy.serial());
    assertEquals(Set.copyOf(StateCodecTest.sampleState(7).resources()),
        Set.copyOf(copy.resources()));
    assertEquals(StateCodecTest.sampleState(7).outputs(), copy.outputs());
  }

  @Test
  void olderTargetOfSameLineageIsUpdated() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));
    source.write(StateCodecTest.sampleState(7), -1);
    target.write(StateCodecTest.sampleState(3), -1);

    StateMigration.Result result = migration.migrate(source, target, false);

    assertEquals(StateMigration.Outcome.UPDATED, result.outcome());
    assertEquals(7, target.read().orElseThrow().serial());
  }

  @Test
  void sameVersionIsNotWrittenAgain() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));
    source.write(StateCodecTest.sampleState(7), -1);
    target.write(StateCodecTest.sampleState(7), -1);

    StateMigration.Result result = migration.migrate(source, target, false);

    assertEquals(StateMigration.Outcome.ALREADY_CURRENT, result.outcome());
  }

  @Test
  void newerTargetIsKeptUnlessReplaced() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));
    source.write(StateCodecTest.sampleState(2), -1);
    target.write(StateCodecTest.sampleState(5), -1);

    StateConflictException e = assertThrows(StateConflictException.class,
        () -> migration.migrate(source, target, false));
    assertTrue(e.getMessage().contains("newer version"), e.getMessage());
    assertEquals(5, target.read().orElseThrow().serial());

    StateMigration.Result result = migration.migrate(source, target, true);
    assertEquals(StateMigration.Outcome.REPLACED, result.outcome());
    assertEquals(2, target.read().orElseThrow().serial());
  }

  @Test
  void targetOfAnotherLineageIsKeptUnlessReplaced() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));
    source.write(StateCodecTest.sampleState(2), -1);
    StateDocument other = StateCodecTest.sampleState(9);
    target.write(new StateDocument(other.formatVersion(), "lineage-other", 9, other.resources(),
        other.outputs()), -1);

    StateConflictException e = assertThrows(StateConflictException.class,
        () -> migration.migrate(source, target, false));

    assertTrue(e.getMessage().contains("lineage-other"), e.getMessage());
    assertEquals("lineage-other", target.read().orElseThrow().lineage());
  }

  @Test
  void missingSourceStateFails() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));

    StateException e = assertThrows(StateException.class,
        () -> migration.migrate(source, target, false));

    assertTrue(e.getMessage().contains("no state at"), e.getMessage());
    assertTrue(target.read().isEmpty());
  }

  @Test
  void lockedSourceStopsTheMigration() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));
    LocalBackend target = new LocalBackend(folder.resolve("b.state.json"));
    source.write(StateCodecTest.sampleState(2), -1);

    try (StateLock held = source.lock("apply", Duration.ZERO)) {
      assertThrows(StateLockedException.class, () -> migration.migrate(source, target, false));
    }

    assertTrue(target.read().isEmpty());
  }

  @Test
  void sameSourceAndTargetIsRejected() {
    LocalBackend source = new LocalBackend(folder.resolve("a.state.json"));

    assertThrows(StateException.class, () -> migration.migrate(source, source, false));
  }
}
