package dev.provisioner.cli;

import dev.provisioner.config.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code provisioner force-unlock STACK LOCK_ID}: removes a lock left by a run that died. */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
    description = "Removes the state lock with id LOCK_ID, left behind by a run that died. "
        + "Only use it when no other run is working on the stack.")
final class ForceUnlockCommand extends StackCommand {

  @Parameters(index = "1", paramLabel = "LOCK_ID",
      description = "The lock id, as the 'state is locked' error prints it.")
  String lockId;

  @Override
  public Integer call() {
    Stack stack = loadStack();
    BackendFactory.create(stack).forceUnlock(lockId);
    out().println("Removed lock " + lockId + " of stack '" + stack.name() + "'.");
    return ExitCodes.OK;
  }
}
