package dev.provisioner.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the CLI in this JVM through {@link Main#run(PrintWriter, PrintWriter, String...)},
 * with what it printed.
 */
record CommandRun(int exitCode, String stdout, String stderr) {

  /** Runs the CLI with {@code args}. */
  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }
}
