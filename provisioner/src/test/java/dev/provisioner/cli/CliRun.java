package dev.provisioner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM through {@link Main#run} and captures its output. */
final class CliRun {

  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static CliRun run(Path folder, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--chdir");
    all.add(folder.toString());
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        all.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Returns the command line that runs the CLI with {@code args} in a separate JVM. */
  static List<String> childCommand(Path folder, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    command.add("--chdir");
    command.add(folder.toString());
    return command;
  }

  /** Writes {@code yaml} as {@code stack.yaml} in {@code folder}. */
  static void writeStack(Path folder, String yaml) {
    try {
      Files.writeString(folder.resolve("stack.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}
