package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code validate} on every broken stack under {@code src/test/resources/broken}: each
 * {@code NAME.yaml} must fail with exit code 1 and exactly the message in {@code NAME.expected},
 * with no stack trace. {@code NAME.args}, when present, contains extra arguments, one per line.
 */
class BrokenStackCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/broken").toAbsolutePath();

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".expected"))
          .map(name -> name.substring(0, name.length() - ".expected".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void brokenStackFailsWithItsMessage(String name) throws IOException {
    List<String> args = new ArrayList<>(List.of("validate", "--chdir", CORPUS.toString()));
    Path extra = CORPUS.resolve(name + ".args");
    if (Files.exists(extra)) {
      args.addAll(Files.readAllLines(extra).stream().filter(line -> !line.isBlank()).toList());
    }
    args.add(name + ".yaml");
    String expected = Files.readString(CORPUS.resolve(name + ".expected")).strip();

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertEquals(1, run.exitCode());
    assertEquals(expected, run.stderr().strip());
    assertNoStackTrace(run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void corpusHasAtLeastFortyStacks() throws IOException {
    long stacks = corpus().count();

    assertTrue(stacks >= 40, "only " + stacks + " broken stacks");
  }

  @Test
  void stackOverTenMebibytesIsRejectedBeforeParsing(@TempDir Path folder) throws IOException {
    Path stack = folder.resolve("big.yaml");
    try (OutputStream out = Files.newOutputStream(stack)) {
      out.write("stack: big\nresources: {}\n".getBytes(StandardCharsets.UTF_8));
      // A broken YAML line after the limit shows that nothing was parsed.
      byte[] comment = ("#" + "x".repeat(1023) + "\n").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 10 * 1024; i++) {
        out.write(comment);
      }
      out.write("[unclosed\n".getBytes(StandardCharsets.UTF_8));
    }
    long size = Files.size(stack);

    CommandRun run = CommandRun.of("validate", "--chdir", folder.toString(), "big.yaml");

    assertEquals(1, run.exitCode());
    assertEquals("Error: big.yaml:1:1: the stack file is " + size + " bytes, over the limit of "
        + "10485760 bytes (10 MiB); split it into modules", run.stderr().strip());
    assertNoStackTrace(run.stderr());
  }

  @Test
  void folderGivenAsStackFileIsRejected(@TempDir Path folder) throws IOException {
    Files.createDirectory(folder.resolve("stack.yaml"));

    CommandRun run = CommandRun.of("validate", "--chdir", folder.toString(), "stack.yaml");

    assertEquals(1, run.exitCode());
    assertEquals("Error: stack.yaml:1:1: this is a folder, not a stack file; name the YAML file "
        + "itself", run.stderr().strip());
    assertNoStackTrace(run.stderr());
  }

  @Test
  void missingStackFileIsRejected(@TempDir Path folder) {
    CommandRun run = CommandRun.of("validate", "--chdir", folder.toString(), "nowhere.yaml");

    assertEquals(1, run.exitCode());
    assertEquals("Error: nowhere.yaml:1:1: stack file not found; check the path",
        run.stderr().strip());
  }

  @Test
  void debugAddsTheStackTrace() {
    CommandRun run = CommandRun.of("validate", "--debug", "--chdir", CORPUS.toString(),
        "cycle-of-two.yaml");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("Error: cycle-of-two.yaml:3:3: dependency cycle"));
    assertTrue(run.stderr().contains("\tat dev.provisioner."));
  }

  private static void assertNoStackTrace(String stderr) {
    assertFalse(stderr.contains("\tat "), stderr);
    assertFalse(stderr.contains("Exception"), stderr);
  }
}
