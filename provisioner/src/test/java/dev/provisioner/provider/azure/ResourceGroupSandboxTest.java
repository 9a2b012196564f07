package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceGroupSandboxTest {

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
  void createdGroupIsReadBack() throws Exception {
    ResourceGroupType type = new ResourceGroupType();
    try (TestContext context = fixture.newRun()) {
      ObjectNode created = type.create(context, Stacks.yaml(
          "{ name: rg-read, location: eastasia, tags: { env: dev } }"));

      ObjectNode read = type.read(context, created).orElseThrow();

      assertEquals(created, read);
      assertTrue(read.get("id").asText().endsWith("/resourceGroups/rg-read"), read.toString());
    }
  }

  @Test
  void deletedGroupReadsAsGone() throws Exception {
    ResourceGroupType type = new ResourceGroupType();
    try (TestContext context = fixture.newRun()) {
      ObjectNode created =
          type.create(context, Stacks.yaml("{ name: rg-gone, location: eastasia }"));

      type.delete(context, created);

      assertTrue(type.read(context, created).isEmpty());
    }
  }

  @Test
  void displayNameLocationIsNoDrift() throws Exception {
    ResourceGroupType type = new ResourceGroupType();
    try (TestContext context = fixture.newRun()) {
      ObjectNode created = type.create(context, Stacks.yaml(
          "{ name: rg-display, location: East Asia }"));

      ObjectNode read = type.read(context, created).orElseThrow();

      assertEquals("East Asia", read.get("location").asText());
    }
  }
}
