package dev.provisioner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provisioner sandbox}: commands for the embedded sandbox cloud. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Works with the sandbox cloud that stacks with azure.cloud: sandbox run on.",
    subcommands = {SandboxServeCommand.class})
final class SandboxCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
