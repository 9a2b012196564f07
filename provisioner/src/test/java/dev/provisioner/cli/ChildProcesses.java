package dev.provisioner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI jar in child JVMs from one working folder, with colors off and the
 * manifest mirror given by {@code --manifest-mirror}, and stops, by process handle, every child
 * still running.
 */
final class ChildProcesses {

  /** How long one CLI run may take before it is killed and the test fails. */
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  private final Path jar;
  private final Path directory;
  private final Path manifestMirror;
  private final Map<Process, Integer> running = new IdentityHashMap<>();
  private int runs;

  ChildProcesses(Path jar, Path directory, Path manifestMirror) {
    this.jar = jar;
    this.directory = directory;
    this.manifestMirror = manifestMirror;
    // A test JVM that is ended early (Ctrl-C, a fork timeout) does not run @AfterAll.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (running) {
        running.keySet().forEach(Process::destroyForcibly);
      }
    }));
  }

  /** One finished run: its arguments, exit code and output. */
  record Result(List<String> args, int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "provisioner " + String.join(" ", args) + " exited " + exitCode
          + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs the CLI with {@code args} and waits for it to exit. */
  Result run(String... args) throws IOException, InterruptedException {
    Process process = start(args);
    int run = running.get(process);
    if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      stop(process);
      throw new AssertionError("provisioner " + String.join(" ", args) + " timed out after "
          + RUN_TIMEOUT + "\n" + Files.readString(outFile(run)));
    }
    running.remove(process);
    return new Result(List.of(args), process.exitValue(), Files.readString(outFile(run)),
        Files.readString(errFile(run)));
  }

  /**
   * Starts the CLI with {@code args} without waiting; {@link #stop} or {@link #stopAll} ends it.
   */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    if (takesManifestMirror(args)) {
      command.add("--manifest-mirror");
      command.add(manifestMirror.toString());
    }
    int run = ++runs;
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectOutput(outFile(run).toFile())
        .redirectError(errFile(run).toFile());
    builder.environment().put("NO_COLOR", "1");
    builder.environment().remove(RunSession.MANIFEST_MIRROR_VARIABLE);
    Process process = builder.start();
    running.put(process, run);
    return process;
  }

  // Only the commands that call providers read release manifests, so only they get the mirror.
  private static boolean takesManifestMirror(String... args) {
    return List.of("plan", "apply", "destroy", "refresh").contains(args[0]);
  }

  /** Waits until {@code process} has printed {@code text}, failing when it exits first. */
  void awaitOutput(Process process, String text) throws IOException, InterruptedException {
    Path out = outFile(running.get(process));
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(out).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the child exited " + process.exitValue() + " before printing '"
            + text + "':\n" + Files.readString(out) + Files.readString(errFile(running.get(
                process))));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the child did not print '" + text + "' within " + RUN_TIMEOUT);
  }

  /** Stops {@code process} by its handle: SIGTERM first, then SIGKILL after 20 seconds. */
  void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
    running.remove(process);
  }

  /** Stops every child still running, for example after a failed step. */
  void stopAll() throws InterruptedException {
    for (Process process : List.copyOf(running.keySet())) {
      stop(process);
    }
  }

  private Path outFile(int run) {
    return directory.resolve("run-" + run + ".out");
  }

  private Path errFile(int run) {
    return directory.resolve("run-" + run + ".err");
  }
}
