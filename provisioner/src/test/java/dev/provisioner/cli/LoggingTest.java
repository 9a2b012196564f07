package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI in a child JVM with the test class path, because the log level and file are read
 * from the environment once per JVM. This also shows that the test provider is found there.
 */
class LoggingTest {

  @Test
  void logPathSendsDebugLogToFile(@TempDir Path folder) throws Exception {
    Path log = folder.resolve("provisioner.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "validate", "--chdir",
        Path.of("src/test/resources/stacks").toAbsolutePath().toString(), "valid.yaml");
    builder.environment().put("PROVISIONER_LOG", "debug");
    builder.environment().put("PROVISIONER_LOG_PATH", log.toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(folder.resolve("output.txt").toFile());

    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");

    List<String> output = Files.readAllLines(folder.resolve("output.txt"));
    assertEquals(0, process.exitValue(), String.join("\n", output));
    assertEquals(List.of("valid.yaml is valid: stack 'valid', 5 resources, 3 outputs."), output);
    String logText = Files.readString(log);
    assertTrue(logText.contains("[DEBUG]"), logText);
    assertTrue(logText.contains("loaded valid.yaml (5 resources, 3 files)"), logText);
  }
}
