package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --debug} works before and after the subcommand. */
class DebugOptionTest {

  @TempDir Path folder;

  private String errorOutput(String... args) {
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    assertEquals(ExitCodes.ERROR, exit, err.toString());
    return err.toString();
  }

  @Test
  void debugBeforeSubcommandPrintsStackTrace() {
    String missing = folder.resolve("missing.yaml").toString();

    String err = errorOutput("--debug", "validate", missing);

    assertFalse(err.contains("Unknown option"), err);
    assertTrue(err.contains("\tat dev.provisioner."), err);
  }

  @Test
  void debugAfterSubcommandPrintsStackTrace() {
    String missing = folder.resolve("missing.yaml").toString();

    String err = errorOutput("validate", "--debug", missing);

    assertTrue(err.contains("\tat dev.provisioner."), err);
  }

  @Test
  void withoutDebugNoStackTrace() {
    String missing = folder.resolve("missing.yaml").toString();

    String err = errorOutput("validate", missing);

    assertFalse(err.contains("\tat "), err);
  }
}
