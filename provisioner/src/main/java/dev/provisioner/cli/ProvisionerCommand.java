package dev.provisioner.cli;

import picocli.CommandLine.Command;

/** The root {@code provisioner} command; every feature is a subcommand. */
@Command(
    name = "provisioner",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Plans and applies an AKS, Istio and Knative environment from one YAML stack.",
    subcommands = {ValidateCommand.class, GraphCommand.class, SchemaCommand.class,
        VersionCommand.class, CompletionCommand.class, SandboxCommand.class, PlanCommand.class,
        ApplyCommand.class, DestroyCommand.class, ShowCommand.class, OutputCommand.class,
        StateCommand.class, ImportCommand.class, RefreshCommand.class, ForceUnlockCommand.class,
        MirrorCommand.class},
    exitCodeOnInvalidInput = ExitCodes.ERROR,
    exitCodeOnExecutionException = ExitCodes.ERROR)
public final class ProvisionerCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
