package dev.provisioner.state.azure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link LockHolderMain} on the test class path. */
final class LockProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader output;
  private final List<String> lines = new ArrayList<>();

  private final Path errors;

  private LockProcess(Process process, Path errors) {
    this.process = process;
    this.errors = errors;
    this.output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts a child JVM that tries to lock state blob {@code key} in container {@code state}. */
  static LockProcess start(AzuriteExtension azurite, String key) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java,
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.dev.provisioner=debug",
        LockHolderMain.class.getName(),
        azurite.blobEndpoint().toString(), "state", key);
    builder.environment().put(BlobCredentials.CONNECTION_STRING_VARIABLE,
        azurite.connectionString());
    Path errors = Files.createTempFile("lock-process-", ".log");
    builder.redirectError(errors.toFile());
    return new LockProcess(builder.start(), errors);
  }

  /** Returns the process id, which the lock names as the holder's pid. */
  long pid() {
    return process.pid();
  }

  /** Reads the next line the child printed, or null when its output ended. */
  String readLine() throws IOException {
    String line = output.readLine();
    if (line != null) {
      lines.add(line);
    }
    return line;
  }

  /** Closes the child's standard input, which makes a holder release the lock and exit. */
  void release() throws IOException {
    process.getOutputStream().close();
  }

  /**
   * Sends SIGTERM, as a CI runner cancelling a job does, and waits for the exit. The signal goes
   * through the process handle because {@link Process#destroy()} also closes the child's
   * standard input, which would make it release the lock by itself.
   */
  int terminate() throws InterruptedException {
    process.toHandle().destroy();
    return waitForExit();
  }

  /** Sends SIGKILL, so no shutdown hook runs, and waits for the exit. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return waitForExit();
  }

  /** Waits up to a minute for the child to exit and returns its exit code. */
  int waitForExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("lock process " + process.pid() + " did not exit; "
          + "output so far: " + lines);
    }
    return process.exitValue();
  }

  /** Returns every line read so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Returns what the child logged to stderr, for assertion messages. */
  String log() {
    try {
      return Files.readString(errors, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(errors);
  }
}
