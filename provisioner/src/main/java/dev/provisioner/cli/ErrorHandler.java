package dev.provisioner.cli;

import dev.provisioner.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Prints errors as users of the CLI expect: one {@code Error: ...} line per problem on stderr,
 * no stack trace unless {@code --debug} was given, exit code 1 for every error, usage errors
 * included.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  private final boolean debug;
  private final boolean json;

  /**
   * @param debug whether to print stack traces
   * @param json whether {@code --json} was given, so that errors are also printed on stdout as
   *     one line of JSON diagnostics
   */
  ErrorHandler(boolean debug, boolean json) {
    this.debug = debug;
    this.json = json;
  }

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (exception instanceof ConfigException config) {
      config.diagnostics().forEach(diagnostic -> err.println("Error: " + diagnostic));
    } else {
      err.println("Error: " + describe(exception));
    }
    if (debug) {
      exception.printStackTrace(err);
    }
    err.flush();
    printJson(commandLine, exception, describe(exception));
    return ExitCodes.ERROR;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("Error: " + usageProblem(exception));
    // Prints "Did you mean: ..." for a misspelt command or option, when picocli finds one.
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
    if (debug) {
      exception.printStackTrace(err);
    }
    err.flush();
    printJson(commandLine, exception, usageProblem(exception));
    return ExitCodes.ERROR;
  }

  // One line, so that it also fits the JSON-lines stream of apply --json.
  private void printJson(CommandLine commandLine, Exception exception, String message) {
    if (!json) {
      return;
    }
    PrintWriter out = commandLine.getOut();
    out.println(Diagnostics.errorDocument(exception, message).toString());
    out.flush();
  }

  // Names a word where a subcommand was expected as an unknown command, in place of picocli's
  // "Unmatched arguments from index 0: ...".
  private static String usageProblem(CommandLine.ParameterException exception) {
    CommandLine commandLine = exception.getCommandLine();
    if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
        && !commandLine.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return "unknown command '" + unmatched.getUnmatched().get(0) + "' for '"
          + commandLine.getCommandSpec().qualifiedName() + "'";
    }
    return exception.getMessage();
  }

  // Messages of wrapped exceptions are joined so that the cause is visible without a trace.
  private static String describe(Throwable exception) {
    StringBuilder text = new StringBuilder();
    Throwable current = exception;
    while (current != null) {
      String message = current.getMessage();
      if (message == null || message.isBlank()) {
        message = current.getClass().getSimpleName();
      }
      if (text.indexOf(message) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(message);
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return text.toString();
  }
}
