package dev.provisioner.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code provisioner} command.
 *
 * <p>Exit codes follow Terraform's: 0 success, 1 any error (usage errors included), 2 only with
 * {@code --detailed-exitcode} when a plan has changes.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** Builds the command line with the project's exit codes and error handling. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new ProvisionerCommand());
    commandLine.setExitCodeExceptionMapper(new ExitCodes());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }
}
