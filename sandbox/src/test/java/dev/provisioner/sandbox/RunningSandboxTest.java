package dev.provisioner.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the running sandbox offers a {@code sandbox serve} command and its fault files. */
class RunningSandboxTest {

  @TempDir Path world;

  @Test
  void describeShowsEndpointButNotToken() {
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new RecordingClusterHost())
            .withFaults(new FaultRules()))) {
      List<String> lines = sandbox.describe();

      assertTrue(String.join("\n", lines).contains(sandbox.armUrl()));
      assertTrue(String.join("\n", lines).contains(sandbox.subscriptionId()));
      assertFalse(String.join("\n", lines).contains(sandbox.token()));
    }
  }

  @Test
  void kubeconfigsAreWrittenPerCluster() throws Exception {
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new RecordingClusterHost())
            .withSynchronous(true).withFaults(new FaultRules()))) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + "?api-version=2025-04-01", "{\"location\": \"westeurope\"}");
      arm.put(arm.cluster("rg", "c1") + "?api-version=2025-09-01",
          ArmSandboxProtocolTest.clusterBody("c1"));

      Map<String, Path> written = sandbox.writeKubeconfigs();

      assertEquals(List.of("rg/c1"), List.copyOf(written.keySet()));
      assertEquals(
          RecordingClusterHost.kubeconfigFor("c1"),
          Files.readString(written.get("rg/c1")));
    }
  }

  @Test
  void deletingAClusterRemovesItsKubeconfigFile() throws Exception {
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new RecordingClusterHost())
            .withSynchronous(true).withFaults(new FaultRules()))) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + "?api-version=2025-04-01", "{\"location\": \"westeurope\"}");
      arm.put(arm.cluster("rg", "c1") + "?api-version=2025-09-01",
          ArmSandboxProtocolTest.clusterBody("c1"));
      arm.put(arm.cluster("rg", "c2") + "?api-version=2025-09-01",
          ArmSandboxProtocolTest.clusterBody("c2"));
      Map<String, Path> written = sandbox.writeKubeconfigs();

      arm.send("DELETE", arm.cluster("rg", "c1") + "?api-version=2025-09-01", null);

      assertFalse(Files.exists(written.get("rg/c1")));
      assertTrue(Files.exists(written.get("rg/c2")));

      arm.send("DELETE", arm.group("rg") + "?api-version=2025-04-01", null);

      assertFalse(Files.exists(written.get("rg/c2")));
    }
  }

  @Test
  void serveReturnsWhenClosed() throws Exception {
    RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new RecordingClusterHost())
            .withFaults(new FaultRules()));
    Thread closer = new Thread(sandbox::close);

    closer.start();
    sandbox.serveUntilShutdown();
    closer.join();

    assertTrue(Files.exists(world.resolve("arm.json")));
  }

  @Test
  void faultFileIsRead() throws Exception {
    Path file = world.resolve("faults.yaml");
    Files.writeString(file, """
        faults:
          - method: PUT
            path: managedClusters/[^/]+$
            delayMs: 2000
          - path: agentPools
            status: 429
            count: 2
          - method: DELETE
            path: managedClusters
            failOperation: { code: QuotaExceeded, message: no cores left }
        """);

    List<FaultRule> rules =
        FaultRules.fromEnvironment(Map.of(FaultRules.ENVIRONMENT_VARIABLE, file.toString()))
            .rules();

    assertEquals(3, rules.size());
    assertEquals(Duration.ofSeconds(2), rules.get(0).delay());
    assertEquals("*", rules.get(1).method());
    assertEquals(429, rules.get(1).status());
    assertEquals(1, rules.get(1).retryAfterSeconds());
    assertEquals(2, rules.get(1).count());
    assertEquals("QuotaExceeded", rules.get(2).failOperationCode());
  }

  @Test
  void faultRuleIsUsedUpAfterItsCount() {
    FaultRules faults = new FaultRules().add(FaultRule.status("GET", "clusters", 500, 0).times(2));

    assertTrue(faults.take("GET", "/x/managedClusters/a").isPresent());
    assertTrue(faults.take("GET", "/x/managedClusters/a").isPresent());
    assertFalse(faults.take("GET", "/x/managedClusters/a").isPresent());
  }

  @Test
  void invalidFaultFileNamesTheRule() throws Exception {
    Path file = world.resolve("faults.yaml");
    Files.writeString(file, "faults:\n  - method: GET\n    status: 200\n    path: x\n");

    SandboxException error =
        assertThrows(SandboxException.class, () -> FaultRules.fromFile(file));

    assertTrue(error.getMessage().contains("fault rule 1"), error.getMessage());
  }

  @Test
  void injectedDelayHoldsTheAnswer() throws Exception {
    FaultRules faults =
        new FaultRules().add(FaultRule.delay("GET", "resourceGroups/slow", Duration.ofMillis(300)));
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new RecordingClusterHost()).withFaults(faults))) {
      ArmHttp arm = new ArmHttp(sandbox);

      ArmHttp.Answer answer = arm.get(arm.group("slow") + "?api-version=2025-04-01");

      assertEquals(404, answer.status());
      assertEquals("ResourceGroupNotFound", answer.errorCode());
      assertEquals(1, faults.rules().size());
    }
  }
}
