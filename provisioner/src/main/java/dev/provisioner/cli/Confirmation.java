package dev.provisioner.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Asks the user to type {@code yes} before apply or destroy changes anything. */
final class Confirmation {

  private Confirmation() {}

  /**
   * Returns whether the user typed exactly {@code yes}.
   *
   * @param remedy what to pass instead of answering, for example {@code --auto-approve}
   * @throws IllegalStateException when stdin is not a terminal, so no user could answer
   */
  static boolean ask(PrintWriter out, String question, String remedy) {
    // NOTE: Java 17 has no test for stdin alone: System.console() is also null when only
    // stdout is redirected, so 'apply | tee log' is refused too and needs --auto-approve.
    if (System.console() == null) {
      throw new IllegalStateException("cannot ask for confirmation because stdin is not a "
          + "terminal; pass " + remedy);
    }
    out.println();
    out.println(question);
    out.println("  Only 'yes' will be accepted to approve.");
    out.print("\n  Enter a value: ");
    out.flush();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(System.in,
          Charset.defaultCharset()));
      String answer = reader.readLine();
      return answer != null && answer.trim().equals("yes");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the confirmation: " + e.getMessage(), e);
    }
  }
}
