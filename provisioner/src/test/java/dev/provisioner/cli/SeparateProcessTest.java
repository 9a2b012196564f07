package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.LockInfo;
import dev.provisioner.state.ResourceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI in separate JVMs, as two users or a crash would. */
class SeparateProcessTest {

  @TempDir Path folder;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void writeStack() throws IOException {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));
    Files.createDirectories(folder.resolve("remote"));
  }

  @AfterEach
  void stopChildren() {
    started.forEach(Process::destroyForcibly);
  }

  private Process startCli(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    command.add("--chdir");
    command.add(folder.toString());
    Process process = new ProcessBuilder(command)
        .redirectOutput(folder.resolve("child.out").toFile())
        .redirectError(folder.resolve("child.err").toFile())
        .start();
    started.add(process);
    return process;
  }

  private LocalBackend backend() {
    return new LocalBackend(folder.resolve(".provisioner/demo.state.json"));
  }

  private LockInfo awaitLock(Process holder) throws InterruptedException {
    for (int i = 0; i < 600 && holder.isAlive(); i++) {
      var info = backend().currentHolder();
      if (info.isPresent()) {
        return info.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the child never took the lock");
  }

  @Test
  void lockedStateFailsSecondProcessAtOnce() throws Exception {
    Files.writeString(folder.resolve("remote/sleep-all"), "800");
    Process apply = startCli("apply", "stack.yaml", "--auto-approve");
    LockInfo holder = awaitLock(apply);

    CliRun plan = CliRun.run(folder, "plan", "stack.yaml");

    assertEquals(1, plan.exitCode, plan.toString());
    assertTrue(plan.err.contains("state is locked by "), plan.err);
    assertTrue(plan.err.contains("pid " + apply.pid()), plan.err);
    assertTrue(plan.err.contains("since " + holder.created()), plan.err);
    assertTrue(apply.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, apply.exitValue(), Files.readString(folder.resolve("child.err")));
  }

  @Test
  void lockTimeoutWaitsForOtherProcess() throws Exception {
    Files.writeString(folder.resolve("remote/sleep-all"), "500");
    Process apply = startCli("apply", "stack.yaml", "--auto-approve");
    awaitLock(apply);

    CliRun plan = CliRun.run(folder, "plan", "stack.yaml", "--lock-timeout", "120s");

    assertEquals(0, plan.exitCode, plan.toString());
    assertTrue(apply.waitFor(120, TimeUnit.SECONDS));
    assertTrue(plan.out.contains("No changes."), plan.out);
  }

  @Test
  void crashAfterCreateIsRecoveredAfterForceUnlock() throws Exception {
    Files.writeString(folder.resolve("remote/halt-after-create-a"), "");
    Process apply = startCli("apply", "stack.yaml", "--auto-approve");
    assertTrue(apply.waitFor(120, TimeUnit.SECONDS));
    assertEquals(3, apply.exitValue());
    Files.delete(folder.resolve("remote/halt-after-create-a"));
    assertEquals(ResourceStatus.PENDING_CREATE,
        backend().read().orElseThrow().resource("a").orElseThrow().status());
    String lockId = backend().currentHolder().orElseThrow().id();

    CliRun locked = CliRun.run(folder, "plan", "stack.yaml");
    CliRun unlock = CliRun.run(folder, "force-unlock", "stack.yaml", lockId,
        "--force");
    CliRun plan = CliRun.run(folder, "plan", "stack.yaml");
    CliRun finish = CliRun.run(folder, "apply", "stack.yaml", "--auto-approve");

    assertEquals(1, locked.exitCode, locked.toString());
    assertEquals(0, unlock.exitCode, unlock.toString());
    assertTrue(plan.out.contains("# a was found live and will be recorded in state"), plan.out);
    assertEquals(0, finish.exitCode, finish.toString());
    assertEquals(ResourceStatus.CREATED,
        backend().read().orElseThrow().resource("a").orElseThrow().status());
  }

  @Test
  void interruptFinishesRunningWorkAndReleasesLock() throws Exception {
    CliRun.writeStack(folder, """
        stack: demo
        resources:
          a: { type: folder.thing, properties: { name: a } }
          b: { type: folder.thing, properties: { name: b, note: "${a.id}" } }
        """);
    Files.writeString(folder.resolve("remote/sleep-a"), "3000");
    Process apply = startCli("apply", "stack.yaml", "--auto-approve");
    awaitLock(apply);
    Path calls = folder.resolve("remote/calls.log");
    for (int i = 0; i < 600 && !(Files.exists(calls)
        && Files.readString(calls).contains("create a")); i++) {
      Thread.sleep(100);
    }

    new ProcessBuilder("kill", "-INT", String.valueOf(apply.pid())).start().waitFor();
    assertTrue(apply.waitFor(120, TimeUnit.SECONDS));

    String out = Files.readString(folder.resolve("child.out"));
    assertEquals(1, apply.exitValue(), out);
    assertTrue(out.contains("a: Creation complete"), out);
    assertTrue(out.contains("Stopped:"), out);
    assertTrue(out.contains("Apply interrupted. Resources: 1 added"), out);
    assertEquals(ResourceStatus.CREATED,
        backend().read().orElseThrow().resource("a").orElseThrow().status());
    assertTrue(backend().read().orElseThrow().resource("b").isEmpty());
    assertTrue(backend().currentHolder().isEmpty());
  }
}
