package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.azure.AzureBlobBackend;
import dev.provisioner.state.azure.AzuriteExtension;
import dev.provisioner.state.azure.BlobCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI with state in Azure Blob Storage, served by Azurite. */
class AzureBlobCliTest {

  @RegisterExtension static final AzuriteExtension azurite = new AzuriteExtension();

  private static final String BLOB_STACK = """
      stack: demo
      backend:
        azureBlob:
          storageAccount: devstoreaccount1
          container: cli-state
          key: %s
          createContainer: true
      resources:
        a:
          type: folder.thing
          properties: { name: a, size: 1 }
        b:
          type: folder.thing
          properties: { name: b, parent: "${a}" }
      """;

  @TempDir Path folder;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void concurrentAppliesLetExactlyOneProceed() throws Exception {
    CliRun.writeStack(folder, BLOB_STACK.formatted("concurrent.json"));
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/sleep-all"), "1500");

    Process first = startCli("first", "apply", "stack.yaml", "--auto-approve");
    Process second = startCli("second", "apply", "stack.yaml", "--auto-approve");
    assertTrue(first.waitFor(120, TimeUnit.SECONDS));
    assertTrue(second.waitFor(120, TimeUnit.SECONDS));

    boolean firstWon = first.exitValue() == 0;
    Process winner = firstWon ? first : second;
    String loserName = firstWon ? "second" : "first";
    Process loser = firstWon ? second : first;
    assertEquals(0, winner.exitValue(), log(firstWon ? "first" : "second"));
    assertEquals(1, loser.exitValue(), log(loserName));
    String loserErr = log(loserName);
    assertTrue(loserErr.contains("is locked by "), loserErr);
    assertTrue(loserErr.contains("pid " + winner.pid() + ", apply"), loserErr);
    assertTrue(loserErr.contains(" since "), loserErr);
    StateDocument state = blob("concurrent.json").read().orElseThrow();
    assertEquals(ResourceStatus.CREATED, state.resource("b").orElseThrow().status());
    assertTrue(blob("concurrent.json").currentHolder().isEmpty());
  }

  @Test
  void failingApplyReleasesTheLease() throws Exception {
    CliRun.writeStack(folder, BLOB_STACK.formatted("failing.json"));
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-create-b"), "");

    Process failing = startCli("failing", "apply", "stack.yaml", "--auto-approve");
    assertTrue(failing.waitFor(120, TimeUnit.SECONDS));

    assertEquals(1, failing.exitValue(), log("failing"));
    AzureBlobBackend backend = blob("failing.json");
    assertTrue(backend.currentHolder().isEmpty(), log("failing"));
    assertTrue(backend.staleHolder().isEmpty(), log("failing"));
    StateDocument state = backend.read().orElseThrow();
    assertEquals(ResourceStatus.CREATED, state.resource("a").orElseThrow().status());
    assertTrue(state.resource("b").map(b -> b.status() != ResourceStatus.CREATED).orElse(true),
        state.resources().toString());
  }

  @Test
  void stateMigratesToBlobAndBack() throws Exception {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));
    CliRun apply = CliRun.run(folder, "apply", "stack.yaml", "--auto-approve");
    assertEquals(0, apply.exitCode, apply.toString());
    StateDocument local =
        new LocalBackend(folder.resolve(".provisioner/demo.state.json")).read().orElseThrow();

    Result toBlob = migrate("stack.yaml", "--to-backend", "azureBlob",
        "--storage-account", AzuriteExtension.ACCOUNT, "--container", "cli-state",
        "--key", "migrated.json", "--create-container");

    assertEquals(0, toBlob.exitCode, toBlob.toString());
    assertTrue(toBlob.out.contains("Copied the state of stack 'demo' (lineage "
        + local.lineage() + ", serial " + local.serial() + ")"), toBlob.out);
    assertTrue(toBlob.out.contains("key: migrated.json"), toBlob.out);
    StateDocument inBlob = blob("migrated.json").read().orElseThrow();
    assertEquals(local.lineage(), inBlob.lineage());
    assertEquals(local.serial(), inBlob.serial());

    CliRun.writeStack(folder, BLOB_STACK.formatted("migrated.json"));
    Result toLocal = migrate("stack.yaml", "--to-backend", "local", "--path", "back.state.json",
        "--json");

    assertEquals(0, toLocal.exitCode, toLocal.toString());
    assertTrue(toLocal.out.contains("\"outcome\" : \"copied\""), toLocal.out);
    StateDocument back = new LocalBackend(folder.resolve("back.state.json")).read().orElseThrow();
    assertEquals(local.lineage(), back.lineage());
    assertEquals(local.serial(), back.serial());
  }

  @Test
  void migrateToBlobNeedsAccountAndContainer() throws Exception {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));

    Result result = migrate("stack.yaml", "--to-backend", "azureBlob", "--key", "x.json");

    assertEquals(1, result.exitCode, result.toString());
    assertTrue(result.err.contains("needs --storage-account and --container"), result.err);
  }

  private Process startCli(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    command.add("--chdir");
    command.add(folder.toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(folder.resolve(name + ".out").toFile())
        .redirectError(folder.resolve(name + ".err").toFile());
    builder.environment().put(BlobCredentials.CONNECTION_STRING_VARIABLE,
        azurite.connectionString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private String log(String name) throws IOException {
    return Files.readString(folder.resolve(name + ".out")) + "\n--- stderr\n"
        + Files.readString(folder.resolve(name + ".err"));
  }

  private static AzureBlobBackend blob(String key) {
    return new AzureBlobBackend(azurite.settings("cli-state", key),
        new BlobCredentials.ConnectionString(azurite.connectionString()));
  }

  /**
   * Runs {@code state migrate} in this JVM with the Azurite connection string in its
   * environment. The command is run on its own because the state command group attaches it.
   */
  private Result migrate(String... args) {
    StateMigrateCommand command = new StateMigrateCommand();
    CommandLine commandLine = new CommandLine(command);
    command.environment =
        Map.of(BlobCredentials.CONNECTION_STRING_VARIABLE, azurite.connectionString());
    ErrorHandler errors = new ErrorHandler(false, false);
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--chdir");
    all.add(folder.toString());
    int code = commandLine.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** Exit code and output of one in-process command. */
  private record Result(int exitCode, String out, String err) {}
}
