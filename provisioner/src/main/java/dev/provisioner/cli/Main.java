package dev.provisioner.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
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
    Charset charset = Charset.defaultCharset();
    return run(new PrintWriter(System.out, true, charset), new PrintWriter(System.err, true,
        charset), args);
  }

  /** Runs the CLI writing to {@code out} and {@code err} and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug, System.getenv());
    CommandLine commandLine = newCommandLine(debug, Arrays.asList(args).contains("--json"));
    commandLine.setOut(out);
    commandLine.setErr(err);
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Builds the command line with the project's exit codes and error handling. */
  public static CommandLine newCommandLine() {
    return newCommandLine(false, false);
  }

  private static CommandLine newCommandLine(boolean debug, boolean json) {
    CommandLine commandLine = new CommandLine(new ProvisionerCommand());
    commandLine.setExitCodeExceptionMapper(new ExitCodes());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandler errors = new ErrorHandler(debug, json);
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    return commandLine;
  }
}
