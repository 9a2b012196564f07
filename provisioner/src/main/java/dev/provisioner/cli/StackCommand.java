package dev.provisioner.cli;

import dev.provisioner.config.Stack;
import dev.provisioner.config.StackLoader;
import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

  @Option(names = "--manifest-mirror", paramLabel = "DIR",
      description = "Reads Istio and Knative release manifests from DIR, laid out as "
          + "<component>/<version>/<file> as 'provisioner mirror' writes it, instead of "
          + "downloading them; PROVISIONER_MANIFEST_MIRROR sets the same.")
  Path manifestMirror;

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

  /** Loads the stack in {@code file} with the command line's variables. */
  Stack loadStack(Path file) {
    return new StackLoader(registry(), stackOptions.workingDirectory())
        .load(file, stackOptions.variableInputs());
  }

  /** Takes the state lock for {@code operation}, waiting up to {@code --lock-timeout}. */
  StateLock lock(StateBackend backend, String operation) {
    return backend.lock(operation, lockTimeout);
  }

  /** Opens the provider session of one run on {@code stack}. */
  RunSession openSession(Stack stack) {
    Map<String, String> environment = new HashMap<>(stackOptions.environment());
    if (manifestMirror != null) {
      // The option wins over the variable; the session reads the mirror from the variable.
      environment.put(RunSession.MANIFEST_MIRROR_VARIABLE,
          stackOptions.workingDirectory().resolve(manifestMirror).normalize().toString());
    }
    return RunSession.open(registry(), stack, environment);
  }
}
