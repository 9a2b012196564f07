package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.provider.azure.SandboxClusters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One sandbox serves the class, because starting one creates a certificate and a world. */
class SandboxSessionTest {

  @TempDir static Path workingDirectory;
  static SandboxSession session;

  @BeforeAll
  static void startSandbox() {
    session = SandboxSession.start(azure("sandbox"), workingDirectory);
  }

  @AfterAll
  static void stopSandbox() {
    session.close();
  }

  private static ObjectNode azure(String cloud) {
    ObjectNode azure = JsonNodeFactory.instance.objectNode();
    azure.put("cloud", cloud);
    return azure;
  }

  private static RunSettings settings(SandboxSession session) {
    return new RunSettings("test", workingDirectory, workingDirectory, azure("sandbox"),
        Map.of(), Optional.empty(), session.endpoints());
  }

  @Test
  void realCloudStartsNoSandbox(@TempDir Path elsewhere) {
    try (SandboxSession inactive = SandboxSession.start(azure("AzurePublic"), elsewhere)) {
      assertFalse(inactive.isActive());
      assertEquals(Map.of(), inactive.endpoints());
    }
  }

  @Test
  void sandboxCloudPublishesItsEndpoints() {
    Map<String, String> endpoints = session.endpoints();

    assertEquals(Set.of("arm", "armCertificate", "armToken", "subscriptionId"),
        endpoints.keySet());
    assertTrue(endpoints.get("arm").startsWith("https://127.0.0.1:"), endpoints.get("arm"));
    assertTrue(Files.isDirectory(workingDirectory.resolve("sandbox")));
  }

  @Test
  void serveAnnouncesArmEndpointWithoutToken() throws Exception {
    StringWriter out = new StringWriter();

    SandboxServeCommand.announce(session.sandbox().orElseThrow(), settings(session),
        new PrintWriter(out));

    assertTrue(out.toString().contains(session.endpoints().get("arm")), out.toString());
    assertFalse(out.toString().contains(session.endpoints().get("armToken")));
  }

  @Test
  void serveWritesOwnerOnlyKubeconfigPerCluster() throws Exception {
    SandboxClusters.create(settings(session), "rg", "c1");

    SandboxServeCommand.announce(session.sandbox().orElseThrow(), settings(session),
        new PrintWriter(new StringWriter()));

    Path kubeconfig = workingDirectory.resolve("sandbox/kubeconfigs/rg_c1.yaml");
    assertTrue(Files.readString(kubeconfig).contains("clusters:"));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
  }
}
