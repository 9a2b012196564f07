package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SandboxServeCommandTest {

  @TempDir Path folder;

  @Test
  void stackOnRealCloudIsRejected() throws Exception {
    Path stack = folder.resolve("dev.yaml");
    Files.writeString(stack, """
        stack: dev
        azure: { cloud: AzurePublic, subscriptionId: 00000000-0000-0000-0000-000000000001 }
        resources:
          rg:
            type: azure.resourceGroup
            properties: { name: dev-rg, location: eastasia }
        """);
    StringWriter err = new StringWriter();

    int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        "sandbox", "serve", stack.toString());

    assertEquals(ExitCodes.ERROR, exit);
    assertTrue(err.toString().contains("azure.cloud is AzurePublic"), err.toString());
    assertTrue(Files.notExists(folder.resolve(".provisioner")));
  }

  @Test
  @Timeout(180)
  void sigtermStopsServeWithExitZero() throws Exception {
    Path stack = folder.resolve("dev.yaml");
    Files.writeString(stack, """
        stack: dev
        azure: { cloud: sandbox }
        resources:
          rg:
            type: azure.resourceGroup
            properties: { name: dev-rg, location: eastasia }
        """);
    Path out = folder.resolve("serve.out");
    Process serve = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "sandbox", "serve", stack.toString()))
        .redirectOutput(out.toFile())
        .redirectError(folder.resolve("serve.err").toFile())
        .start();
    try {
      while (serve.isAlive() && !Files.readString(out).contains("Serving until Ctrl-C.")) {
        Thread.sleep(100);
      }
      assertTrue(serve.isAlive(), Files.readString(folder.resolve("serve.err")));

      // Process.destroy sends SIGTERM on Unix.
      serve.destroy();

      assertTrue(serve.waitFor(120, TimeUnit.SECONDS));
      assertEquals(ExitCodes.OK, serve.exitValue(), Files.readString(folder.resolve("serve.err")));
      assertTrue(Files.exists(folder.resolve(".provisioner/sandbox/arm.json")));
    } finally {
      serve.destroyForcibly();
    }
  }
}
