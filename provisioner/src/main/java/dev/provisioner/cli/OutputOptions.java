package dev.provisioner.cli;

import picocli.CommandLine.Option;

/**
 * The output options of every command: {@code --json}, {@code --no-color} (also set by a
 * non-empty {@code NO_COLOR} environment variable) and {@code --debug}. Add it to a command with
 * {@code @Mixin OutputOptions output;}.
 */
public final class OutputOptions {

  @Option(names = "--json", description = "Prints machine-readable JSON instead of text.")
  boolean json;

  @Option(names = "--no-color",
      description = "Prints without colors; a non-empty NO_COLOR environment variable does too.")
  boolean noColor;

  // Main reads --debug from the raw arguments, because logging must be configured before any
  // logger exists. Declaring it here makes picocli accept it and list it in the help.
  @Option(names = "--debug",
      description = "Logs at debug level to stderr and prints stack traces of errors.")
  boolean debug;

  /** Returns whether output is JSON. */
  public boolean json() {
    return json;
  }

  /**
   * Returns whether output may use ANSI colors: not with {@code --no-color}, {@code NO_COLOR},
   * {@code --json}, or when stdout is not a terminal.
   */
  public boolean color() {
    String noColorVariable = System.getenv("NO_COLOR");
    boolean disabled = noColor || json || (noColorVariable != null && !noColorVariable.isEmpty());
    return !disabled && System.console() != null;
  }

  /** Returns whether {@code --debug} was given. */
  public boolean debug() {
    return debug;
  }
}
