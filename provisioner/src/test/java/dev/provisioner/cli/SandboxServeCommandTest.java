package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
}
