package dev.provisioner.cli;

import dev.provisioner.config.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code provisioner force-unlock STACK LOCK_ID}: removes a lock left by a run that died. */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
    description = "Removes the state lock with id LOCK_ID, left behind by a run that died. "
        + "Only use it when no other run is working on the stack. Asks for 'yes' unless "
        + "--force is given; without a terminal on stdin --force is required.")
final class ForceUnlockCommand extends StackCommand {

  @Parameters(index = "1", paramLabel = "LOCK_ID",
      description = "The lock id, as the 'state is locked' error prints it.")
  String lockId;

  @Option(names = "--force", description = "Removes the lock without asking for confirmation.")
  boolean force;

  @Override
  public Integer call() {
    Stack stack = loadStack();
    if (!force && !Confirmation.ask(out(), err(), "Do you really want to force-unlock the state"
        + " of stack '" + stack.name() + "'? A run that still holds lock " + lockId + " could "
        + "then write state at the same time as another one.", "--force")) {
      out().println("Force-unlock cancelled.");
      return ExitCodes.ERROR;
    }
    BackendFactory.create(stack).forceUnlock(lockId);
    report("Removed lock " + lockId + " of stack '" + stack.name() + "'.",
        jsonObject().put("unlocked", lockId).put("stack", stack.name()));
    return ExitCodes.OK;
  }
}
