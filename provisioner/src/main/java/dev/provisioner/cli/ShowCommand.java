package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provisioner.config.Stack;
import dev.provisioner.plan.PlanFile;
import dev.provisioner.plan.PlanJson;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code provisioner show STACK | PLANFILE}: prints recorded state or a saved plan. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Prints the state recorded for a stack, or a plan saved by 'plan --out'. "
        + "Sensitive values are masked (left out with --json).")
final class ShowCommand extends StackCommand {

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Path given = stackOptions.stackFile();
    if (PlanFile.isPlanFile(given)) {
      PlanFile saved = PlanFile.read(given);
      if (output.json()) {
        out().println(mapper.writerWithDefaultPrettyPrinter()
            .writeValueAsString(PlanJson.encode(saved.plan())));
      } else {
        out().print(new PlanView(style()).render(saved.plan()));
      }
      return ExitCodes.OK;
    }
    Stack stack = loadStack();
    var state = BackendFactory.create(stack).read();
    if (output.json()) {
      out().println(mapper.writerWithDefaultPrettyPrinter()
          .writeValueAsString(StateView.json(state)));
    } else {
      out().print(new StateView(style()).state(state));
    }
    return ExitCodes.OK;
  }
}
