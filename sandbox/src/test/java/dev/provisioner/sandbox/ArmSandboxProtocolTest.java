package dev.provisioner.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status codes, headers and bodies of the sandbox's ARM endpoint, checked over raw HTTPS. */
class ArmSandboxProtocolTest {

  static final String CLUSTER_API = "?api-version=2025-09-01";
  static final String GROUP_API = "?api-version=2025-04-01";

  @TempDir Path world;

  static String clusterBody(String dnsPrefix) {
    return """
        {"location": "westeurope",
         "identity": {"type": "SystemAssigned"},
         "properties": {
           "dnsPrefix": "%s",
           "kubernetesVersion": "1.32",
           "agentPoolProfiles": [
             {"name": "system", "mode": "System", "vmSize": "Standard_DS2_v2", "count": 1}]}}
        """.formatted(dnsPrefix);
  }

  private RunningSandbox start(SandboxOptions options) {
    return Sandbox.start(options.withFaults(new FaultRules()));
  }

  @Test
  void requestWithoutTokenGets401() throws Exception {
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp anonymous = new ArmHttp(sandbox, null);

      ArmHttp.Answer answer = anonymous.get(anonymous.group("rg") + GROUP_API);

      assertEquals(401, answer.status());
      assertEquals("AuthenticationFailed", answer.errorCode());
    }
  }

  @Test
  void unknownApiVersionsAreRejectedAsArmDoes() throws Exception {
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp arm = new ArmHttp(sandbox);

      ArmHttp.Answer group = arm.get(arm.group("rg") + "?api-version=2099-01-01");
      ArmHttp.Answer cluster = arm.get(arm.cluster("rg", "c") + "?api-version=2099-01-01");
      ArmHttp.Answer missing = arm.get(arm.group("rg"));

      assertEquals(400, group.status());
      assertEquals("InvalidApiVersionParameter", group.errorCode());
      assertEquals("NoRegisteredProviderFound", cluster.errorCode());
      assertEquals("MissingApiVersionParameter", missing.errorCode());
    }
  }

  @Test
  void clusterCreateRunsAsAsyncOperation() throws Exception {
    RecordingClusterHost host = new RecordingClusterHost();
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, host))) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");

      ArmHttp.Answer created = arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));
      String operation = created.header("Azure-AsyncOperation");
      ArmHttp.Answer beforePoll = arm.get(arm.cluster("rg", "c1") + CLUSTER_API);
      ArmHttp.Answer status = arm.get(operation);
      ArmHttp.Answer after = arm.get(arm.cluster("rg", "c1") + CLUSTER_API);

      assertEquals(201, created.status());
      assertEquals("1", created.header("Retry-After"));
      assertEquals(
          "Creating",
          created.body().path("properties").path("provisioningState").asText());
      assertNotNull(operation);
      assertEquals("Creating",
          beforePoll.body().path("properties").path("provisioningState").asText());
      assertEquals("Succeeded", status.body().path("status").asText());
      assertEquals(
          "Succeeded",
          after.body().path("properties").path("provisioningState").asText());
      assertEquals(
          "1.32.7",
          after.body().path("properties").path("currentKubernetesVersion").asText());
      assertTrue(host.calls.contains("start c1"), host.calls.toString());
    }
  }

  @Test
  void operationStaysInProgressUntilItsDuration() throws Exception {
    SandboxOptions options =
        SandboxOptions.of(world, new RecordingClusterHost())
            .withOperationDuration(Duration.ofHours(1));
    try (RunningSandbox sandbox = start(options)) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");
      ArmHttp.Answer created = arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));

      ArmHttp.Answer status = arm.get(created.header("Azure-AsyncOperation"));
      ArmHttp.Answer concurrent = arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));

      assertEquals("InProgress", status.body().path("status").asText());
      assertEquals("1", status.header("Retry-After"));
      assertEquals(409, concurrent.status());
      assertEquals("OperationNotAllowed", concurrent.errorCode());
    }
  }

  @Test
  void deleteAnswers202WithLocationUntilDone() throws Exception {
    RecordingClusterHost host = new RecordingClusterHost();
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, host).withSynchronous(true))) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");
      arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));
    }
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, host))) {
      ArmHttp arm = new ArmHttp(sandbox);

      ArmHttp.Answer deleting = arm.send("DELETE", arm.cluster("rg", "c1") + CLUSTER_API, null);
      ArmHttp.Answer result = arm.get(deleting.header("Location"));
      ArmHttp.Answer gone = arm.get(arm.cluster("rg", "c1") + CLUSTER_API);

      assertEquals(202, deleting.status());
      assertNotNull(deleting.header("Azure-AsyncOperation"));
      assertEquals(200, result.status());
      assertEquals(404, gone.status());
      assertEquals("ResourceNotFound", gone.errorCode());
      assertTrue(host.calls.stream().anyMatch(call -> call.startsWith("delete ")));
    }
  }

  @Test
  void synchronousModeAnswersTerminalState() throws Exception {
    try (RunningSandbox sandbox =
        start(SandboxOptions.of(world, new RecordingClusterHost()).withSynchronous(true))) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");

      ArmHttp.Answer created = arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));

      assertEquals(200, created.status());
      assertNull(created.header("Azure-AsyncOperation"));
      assertEquals(
          "Succeeded",
          created.body().path("properties").path("provisioningState").asText());
    }
  }

  @Test
  void resourceGroupHeadAnswers204Or404() throws Exception {
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp arm = new ArmHttp(sandbox);
      ArmHttp.Answer created =
          arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");

      ArmHttp.Answer present = arm.send("HEAD", arm.group("rg") + GROUP_API, null);
      ArmHttp.Answer absent = arm.send("HEAD", arm.group("other") + GROUP_API, null);

      assertEquals(201, created.status());
      assertEquals(204, present.status());
      assertEquals(404, absent.status());
    }
  }

  @Test
  void worldSurvivesRestart() throws Exception {
    String url;
    String token;
    String certificate;
    try (RunningSandbox sandbox =
        start(SandboxOptions.of(world, new RecordingClusterHost()).withSynchronous(true))) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");
      arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));
      url = sandbox.armUrl();
      token = sandbox.token();
      certificate = sandbox.certificatePem();
    }

    try (RunningSandbox again = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp arm = new ArmHttp(again);
      ArmHttp.Answer cluster = arm.get(arm.cluster("rg", "c1") + CLUSTER_API);

      assertEquals(url, again.armUrl());
      assertEquals(token, again.token());
      assertEquals(certificate, again.certificatePem());
      assertEquals(200, cluster.status());
      assertEquals(
          "Succeeded",
          cluster.body().path("properties").path("provisioningState").asText());
    }
  }

  @Test
  void takenPortFallsBackToAnother() throws Exception {
    int port;
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      port = URI.create(sandbox.armUrl()).getPort();
    }

    try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
        RunningSandbox again = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp arm = new ArmHttp(again);

      assertFalse(again.armUrl().contains(":" + port + "/"), again.armUrl());
      assertEquals(404, arm.get(arm.group("rg") + GROUP_API).status());
      assertTrue(squatter.isBound());
    }
  }

  @Test
  void secondSandboxOnSameWorldIsRefused() {
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      SandboxException error =
          org.junit.jupiter.api.Assertions.assertThrows(
              SandboxException.class,
              () -> Sandbox.start(SandboxOptions.of(world, new RecordingClusterHost())));

      assertTrue(error.getMessage().contains("in use by process "
          + ProcessHandle.current().pid()), error.getMessage());
    }
  }

  @Test
  void closeCompletesRunningOperationsAndClosesHost() throws Exception {
    RecordingClusterHost host = new RecordingClusterHost();
    SandboxOptions slow =
        SandboxOptions.of(world, host).withOperationDuration(Duration.ofHours(1));
    try (RunningSandbox sandbox = start(slow)) {
      ArmHttp arm = new ArmHttp(sandbox);
      arm.put(arm.group("rg") + GROUP_API, "{\"location\": \"westeurope\"}");
      arm.put(arm.cluster("rg", "c1") + CLUSTER_API, clusterBody("c1"));
    }

    try (RunningSandbox again = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp arm = new ArmHttp(again);
      ArmHttp.Answer cluster = arm.get(arm.cluster("rg", "c1") + CLUSTER_API);

      assertTrue(host.closed);
      assertEquals(
          "Succeeded",
          cluster.body().path("properties").path("provisioningState").asText());
    }
  }

  @Test
  void computeSkusAndVmSizesAreListed() throws Exception {
    try (RunningSandbox sandbox = start(SandboxOptions.of(world, new RecordingClusterHost()))) {
      ArmHttp arm = new ArmHttp(sandbox);
      String subscription = "/subscriptions/" + sandbox.subscriptionId();

      ArmHttp.Answer skus =
          arm.get(subscription + "/providers/Microsoft.Compute/skus?api-version=2021-07-01"
              + "&$filter=location%20eq%20'eastasia'");
      ArmHttp.Answer sizes =
          arm.get(subscription
              + "/providers/Microsoft.Compute/locations/eastasia/vmSizes?api-version=2024-07-01");

      assertEquals(200, skus.status());
      assertFalse(skus.body().path("value").isEmpty());
      assertEquals("eastasia", skus.body().path("value").get(0).path("locations").get(0).asText());
      assertTrue(sizes.body().path("value").toString().contains("Standard_DS3_v2"));
    }
  }
}
