package dev.provisioner.state.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateMigration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AzureBlobMigrationTest {

  @RegisterExtension static final AzuriteExtension azurite = new AzuriteExtension();

  @TempDir Path folder;

  private final StateMigration migration = new StateMigration(Duration.ZERO);

  @Test
  void localStateMigratesToBlob() {
    LocalBackend local = new LocalBackend(folder.resolve("dev.state.json"));
    StateDocument state = TestStates.state("lineage-to-blob", 12);
    local.write(state, -1);
    AzureBlobBackend blob = azurite.backend("to-blob.json");

    StateMigration.Result result = migration.migrate(local, blob, false);

    assertEquals(StateMigration.Outcome.COPIED, result.outcome());
    StateDocument copy = blob.read().orElseThrow();
    assertEquals("lineage-to-blob", copy.lineage());
    assertEquals(12, copy.serial());
    assertEquals(state.resources(), copy.resources());
    assertEquals(state.outputs(), copy.outputs());
    assertTrue(blob.currentHolder().isEmpty());
    assertTrue(local.currentHolder().isEmpty());
  }

  @Test
  void blobStateMigratesToLocal() {
    AzureBlobBackend blob = azurite.backend("to-local.json");
    StateDocument state = TestStates.state("lineage-to-local", 4);
    blob.write(state, -1);
    LocalBackend local = new LocalBackend(folder.resolve("back.state.json"));

    StateMigration.Result result = migration.migrate(blob, local, false);

    assertEquals(StateMigration.Outcome.COPIED, result.outcome());
    StateDocument copy = local.read().orElseThrow();
    assertEquals("lineage-to-local", copy.lineage());
    assertEquals(4, copy.serial());
    assertEquals(state.resources(), copy.resources());
  }

  @Test
  void migrationBackUpdatesOlderCopy() {
    LocalBackend local = new LocalBackend(folder.resolve("round.state.json"));
    local.write(TestStates.state("lineage-round", 1), -1);
    AzureBlobBackend blob = azurite.backend("round.json");
    migration.migrate(local, blob, false);
    blob.write(TestStates.state("lineage-round", 2), 1);

    StateMigration.Result result = migration.migrate(blob, local, false);

    assertEquals(StateMigration.Outcome.UPDATED, result.outcome());
    assertEquals(2, local.read().orElseThrow().serial());
  }
}
