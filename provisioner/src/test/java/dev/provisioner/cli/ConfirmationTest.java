package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

  private final StringWriter prompt = new StringWriter();

  private boolean ask(boolean stdinIsTerminal, String typed) {
    return Confirmation.ask(stdinIsTerminal, new PrintWriter(prompt),
        new BufferedReader(new StringReader(typed)), "Do you want to perform these actions?",
        "--auto-approve");
  }

  @Test
  void yesOnTerminalApproves() {
    assertTrue(ask(true, "yes\n"));
    assertTrue(prompt.toString().contains("Do you want to perform these actions?"));
    assertTrue(prompt.toString().contains("Enter a value: "));
  }

  @Test
  void otherAnswerOrEndOfInputCancels() {
    assertFalse(ask(true, "y\n"));
    assertFalse(ask(true, ""));
  }

  @Test
  void stdinNotTerminalIsRejectedWithRemedy() {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> ask(false, "yes\n"));

    assertTrue(error.getMessage().contains("stdin is not a terminal"), error.getMessage());
    assertTrue(error.getMessage().contains("--auto-approve"), error.getMessage());
    assertEquals("", prompt.toString());
  }

  @Test
  void pipedStdinIsNotTerminal() {
    // Surefire feeds a forked test JVM's stdin through a pipe.
    assertFalse(Confirmation.isStdinTerminal());
  }
}
