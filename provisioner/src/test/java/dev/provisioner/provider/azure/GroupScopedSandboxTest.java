package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read, import and delete of the types that ARM names by resource group and name. */
class GroupScopedSandboxTest {

  @TempDir static Path world;
  static SandboxFixture fixture;

  @BeforeAll
  static void startSandbox() {
    fixture = new SandboxFixture(world);
  }

  @AfterAll
  static void stopSandbox() {
    fixture.close();
  }

  @Test
  void workspaceReadImportDelete() throws Exception {
    checkLifecycle(new LogAnalyticsWorkspaceType(), "rg-workspace",
        "{ name: logs-1, resourceGroup: rg-workspace, location: East Asia }");
  }

  @Test
  void networkReadImportDelete() throws Exception {
    checkLifecycle(new VirtualNetworkType(), "rg-network",
        "{ name: net-1, resourceGroup: rg-network, location: East Asia,"
            + " addressSpace: [10.224.0.0/12], subnets: { nodes: 10.224.0.0/16 } }");
  }

  private static void checkLifecycle(GroupScopedArmType<?> type, String group, String desired)
      throws Exception {
    try (TestContext context = fixture.newRun()) {
      new ResourceGroupType().create(context, Stacks.yaml(
          "{ name: " + group + ", location: eastasia }"));
      ObjectNode created = type.create(context, Stacks.yaml(desired));

      ObjectNode read = type.read(context, created).orElseThrow();
      ObjectNode imported = type.importResource(context, created.get("id").asText());
      type.delete(context, created);

      assertEquals(created, read);
      assertEquals("East Asia", read.get("location").asText());
      assertEquals(group, imported.get("resourceGroup").asText());
      assertEquals(created.get("id"), imported.get("id"));
      assertTrue(type.read(context, created).isEmpty(), "read after delete");
      type.delete(context, created);
    }
  }
}
