package dev.provisioner.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/** Asks the user to type {@code yes} before apply or destroy changes anything. */
final class Confirmation {

  private Confirmation() {}

  /**
   * Returns whether the user typed exactly {@code yes} on stdin. The prompt goes to {@code out}
   * when stdout is a terminal and to {@code err} otherwise, so {@code apply | tee log} still
   * shows it, as Terraform does.
   *
   * @param remedy what to pass instead of typing yes, for example {@code --auto-approve}
   * @throws IllegalStateException when stdin is not a terminal, so no user can type a reply
   */
  static boolean ask(PrintWriter out, PrintWriter err, String question, String remedy) {
    // Java 17's System.console() is non-null only when both stdin and stdout are terminals.
    boolean stdinAndStdoutAreTerminals = System.console() != null;
    boolean stdinIsTerminal = stdinAndStdoutAreTerminals || isStdinTerminal();
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    return ask(stdinIsTerminal, stdinAndStdoutAreTerminals ? out : err, input, question, remedy);
  }

  /** Asks on {@code prompt} and reads the answer from {@code input}. */
  static boolean ask(boolean stdinIsTerminal, PrintWriter prompt, BufferedReader input,
      String question, String remedy) {
    if (!stdinIsTerminal) {
      throw new IllegalStateException("cannot ask for confirmation because stdin is not a "
          + "terminal; pass " + remedy);
    }
    prompt.println();
    prompt.println(question);
    prompt.println("  Only 'yes' will be accepted to approve.");
    prompt.print("\n  Enter a value: ");
    prompt.flush();
    try {
      String answer = input.readLine();
      return answer != null && answer.trim().equals("yes");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the confirmation: " + e.getMessage(), e);
    }
  }

  /**
   * Returns whether this process's stdin is a terminal, by running {@code test -t 0} with the
   * same stdin, because Java 17 has no API that checks stdin alone.
   *
   * <p>NOTE: where no {@code test} program exists (Windows), this returns false, so a prompt
   * there needs both stdin and stdout to be a console.
   */
  static boolean isStdinTerminal() {
    try {
      Process test = new ProcessBuilder("test", "-t", "0")
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!test.waitFor(10, TimeUnit.SECONDS)) {
        test.destroyForcibly();
        return false;
      }
      return test.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
