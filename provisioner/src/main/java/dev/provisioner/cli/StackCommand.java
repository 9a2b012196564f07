package dev.provisioner.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ConfigException;
import dev.provisioner.config.Stack;
import dev.provisioner.config.StackLoader;
import dev.provisioner.config.VariableInputs;
import dev.provisioner.config.VariableValue;
import dev.provisioner.plan.PlanFile;
import dev.provisioner.plan.StalePlanException;
import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateLock;
import dev.provisioner.state.StateLockedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of the commands that work on a stack's state, with what they share: the stack and
 * output options, the lock timeout, and loading the stack and its backend.
 */
abstract class StackCommand implements Callable<Integer> {

  @Mixin StackOptions stackOptions;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
      converter = Durations.class,
      description = "How long to wait for a state lock held by another run, for example 30s; "
          + "by default a locked state fails at once.")
  Duration lockTimeout;

  private ProviderRegistry registry;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Style style() {
    return new Style(output.color());
  }

  ProviderRegistry registry() {
    if (registry == null) {
      registry = ProviderRegistry.load();
    }
    return registry;
  }

  /** Loads the stack named on the command line. */
  Stack loadStack() {
    return stackOptions.load(registry());
  }

  /**
   * Prints the result of a command that changes state: {@code json} on one line with
   * {@code --json}, else {@code text}.
   */
  void report(String text, ObjectNode json) {
    out().println(output.json() ? json.toString() : text);
  }

  /** Returns an empty JSON object to fill for {@link #report}. */
  static ObjectNode jsonObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Resolves the variables of the stack named on the command line. */
  Map<String, VariableValue> resolveVariables() {
    return new StackLoader(registry(), stackOptions.workingDirectory())
        .resolveVariables(stackOptions.stackFile(), stackOptions.variableInputs());
  }

  /**
   * Loads the stack a saved plan was made from, with the variable values the plan stores and
   * the sensitive ones from the environment.
   *
   * @throws IllegalArgumentException when {@code --var} or {@code --var-file} was given
   * @throws StalePlanException when the stack no longer loads with those values, or a sensitive
   *     value differs
   */
  Stack loadStack(PlanFile saved) {
    VariableInputs given = stackOptions.variableInputs();
    if (!given.assignments().isEmpty() || !given.files().isEmpty()) {
      throw new IllegalArgumentException("a saved plan carries the variable values it was made "
          + "with, so apply it without --var and --var-file; sensitive variables are read "
          + "from PROVISIONER_VAR_<name>");
    }
    VariableInputs inputs = new VariableInputs(saved.variables().assignments(), List.of(),
        stackOptions.environment());
    StackLoader loader = new StackLoader(registry(), stackOptions.workingDirectory());
    Stack stack;
    try {
      stack = loader.load(saved.stackFile(), inputs);
    } catch (ConfigException e) {
      List<String> unset = saved.variables().sensitiveHashes().keySet().stream()
          .map(name -> "PROVISIONER_VAR_" + name)
          .filter(variable -> !inputs.environment().containsKey(variable))
          .sorted().toList();
      String hint = unset.isEmpty() ? "run plan again" : "the plan does not store sensitive "
          + "variables, so set " + String.join(", ", unset) + " as when it was made, or run "
          + "plan again";
      throw new StalePlanException("cannot apply the saved plan: the stack does not load with "
          + "the plan's variable values (" + e.getMessage() + "); " + hint);
    }
    saved.variables().checkSensitive(loader.resolveVariables(saved.stackFile(), inputs));
    return stack;
  }

  /**
   * Takes the state lock of {@code stack} for {@code operation}, waiting up to
   * {@code --lock-timeout}.
   */
  StateLock lock(Stack stack, StateBackend backend, String operation) {
    try {
      return backend.lock(operation, lockTimeout);
    } catch (StateLockedException e) {
      // Backends do not know the stack file, so the CLI completes the force-unlock command
      // they suggest with it.
      String message = e.getMessage();
      if (e.holder().isPresent()) {
        String id = e.holder().get().id();
        message = message.replace("force-unlock " + id,
            "force-unlock " + displayPath(stack.file()) + " " + id);
      }
      throw new StateLockedException(message, e.holder().orElse(null));
    }
  }

  /** Returns {@code file} relative to the working directory when it is inside it. */
  String displayPath(Path file) {
    Path base = stackOptions.workingDirectory().toAbsolutePath().normalize();
    Path absolute = file.toAbsolutePath().normalize();
    String shown = absolute.startsWith(base) ? base.relativize(absolute).toString()
        : absolute.toString();
    return shown.contains(" ") ? "'" + shown + "'" : shown;
  }

  /** Opens the provider session of one run on {@code stack}. */
  RunSession openSession(Stack stack) {
    // StackOptions puts --manifest-mirror in place of PROVISIONER_MANIFEST_MIRROR here.
    return RunSession.open(registry(), stack, stackOptions.environment());
  }
}
