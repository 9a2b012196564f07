package dev.provisioner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root {@code provisioner} command; every feature is a subcommand. */
@Command(
    name = "provisioner",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Plans and applies an AKS, Istio and Knative environment from one YAML stack.",
    subcommands = {ValidateCommand.class, GraphCommand.class, SchemaCommand.class,
        VersionCommand.class, CompletionCommand.class, PlanCommand.class, ApplyCommand.class,
        DestroyCommand.class, ShowCommand.class, OutputCommand.class, StateCommand.class,
        ImportCommand.class, RefreshCommand.class, ForceUnlockCommand.class,
        SandboxCommand.class, MirrorCommand.class},
    exitCodeOnInvalidInput = ExitCodes.ERROR,
    exitCodeOnExecutionException = ExitCodes.ERROR)
public final class ProvisionerCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  // Accepts --debug before the subcommand too, as in 'provisioner --debug plan'. Main reads the
  // flag from the raw arguments, so this field only lets picocli parse it in that position.
  @Option(names = "--debug",
      description = "Logs at debug level to stderr and prints stack traces of errors.")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
