package dev.provisioner.cli;

import picocli.CommandLine.Command;

/**
 * {@code provisioner destroy STACK}: deletes every recorded resource in reverse dependency
 * order, in parallel where the graph allows, after confirmation.
 */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = {"Deletes every resource recorded for the stack, dependents first. Asks for "
        + "'yes' unless --auto-approve. A resource with lifecycle.preventDestroy stops it."})
final class DestroyCommand extends ApplyCommand {

  @Override
  boolean isDestroy() {
    return true;
  }
}
