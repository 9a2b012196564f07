package dev.provisioner.cli;

import dev.provisioner.apply.Applier;
import dev.provisioner.apply.ApplyOptions;
import dev.provisioner.apply.ApplyResult;
import dev.provisioner.apply.StateRecorder;
import dev.provisioner.config.Stack;
import dev.provisioner.graph.ParallelWalker;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanFile;
import dev.provisioner.plan.PlanOptions;
import dev.provisioner.plan.Planner;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provisioner apply STACK | PLANFILE}: plans (or reads a saved plan), shows the plan,
 * prompts for confirmation, and carries it out, recording state after every resource.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Makes the infrastructure match the stack. Given a stack it plans first and "
        + "asks for 'yes' (unless --auto-approve); given a file saved by 'plan --out' it "
        + "applies exactly that plan without asking, or rejects it as stale.",
        "Ctrl-C once lets running operations finish and saves state; twice asks them to stop "
            + "now."})
class ApplyCommand extends StackCommand {

  @Option(names = "--auto-approve", description = "Skips the confirmation prompt.")
  boolean autoApprove;

  @Option(names = "--refresh", arity = "1", defaultValue = "true", paramLabel = "BOOLEAN",
      description = "Whether to read every recorded resource before planning (default true).")
  boolean refresh;

  @Option(names = "--target", paramLabel = "ADDRESS",
      description = "Limits the run to ADDRESS and its dependencies; repeatable.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--parallelism", paramLabel = "N",
      defaultValue = "" + ParallelWalker.DEFAULT_PARALLELISM,
      description = "How many resource operations run at once (default ${DEFAULT-VALUE}).")
  int parallelism;

  /** Returns whether this run destroys everything instead of applying the stack. */
  boolean isDestroy() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    Path given = stackOptions.stackFile();
    Optional<PlanFile> saved = PlanFile.isPlanFile(given) ? Optional.of(PlanFile.read(given))
        : Optional.empty();
    if (saved.isPresent() && isDestroy()) {
      throw new IllegalArgumentException("destroy takes a stack, not a saved plan; apply a plan "
          + "saved with 'plan --destroy --out FILE' instead");
    }
    Stack stack = saved.isPresent() ? loadStack(saved.get()) : loadStack();
    StateBackend backend = BackendFactory.create(stack);
    String operation = isDestroy() ? "destroy" : "apply";
    try (StateLock lock = lock(stack, backend, operation);
        RunSession session = openSession(stack)) {
      Optional<StateDocument> state = backend.read();
      Plan plan;
      if (saved.isPresent()) {
        plan = saved.get().withSensitiveValuesFrom(state);
        Applier.checkNotStale(plan, stack, state);
      } else {
        plan = new Planner(session.types(), session.context()).plan(stack, state,
            new PlanOptions(refresh, isDestroy(), PlanCommand.parseTargets(targets),
                parallelism));
      }
      if (output.json()) {
        out().println(planLine(plan));
      } else {
        out().print(new PlanView(style()).render(plan));
      }
      out().flush();
      // Drift alone changes nothing: refreshed attributes are recorded by the next apply that
      // changes something, or by 'provisioner refresh'.
      if (!plan.hasChanges() && !plan.hasResourceWork()) {
        return ExitCodes.OK;
      }
      if (saved.isEmpty() && !autoApprove && !confirmed()) {
        out().println((isDestroy() ? "Destroy" : "Apply") + " cancelled.");
        return ExitCodes.ERROR;
      }
      return carryOut(plan, stack, backend, state, session);
    }
  }

  private boolean confirmed() {
    String question = isDestroy()
        ? "Do you really want to destroy every resource in this stack? There is no undo."
        : "Do you want to perform these actions?";
    return Confirmation.ask(out(), err(), question, isDestroy() ? "--auto-approve"
        : "--auto-approve or apply a saved plan");
  }

  private int carryOut(Plan plan, Stack stack, StateBackend backend,
      Optional<StateDocument> state, RunSession session) {
    ApplyView view = new ApplyView(out(), style(), output.json());
    if (!output.json()) {
      out().println();
    }
    Applier applier = new Applier(session.types(), session.context(),
        new ApplyOptions(parallelism, Duration.ofSeconds(10)), view::event);
    ApplyResult result;
    try (Interrupts interrupts = Interrupts.install(
        () -> {
          err().println("Interrupt received: waiting for running operations to finish and "
              + "saving state. Press Ctrl-C again to stop them now.");
          err().flush();
          applier.stop();
        },
        () -> {
          err().println("Second interrupt: asking running operations to stop now.");
          err().flush();
          applier.stopNow();
        })) {
      result = applier.apply(plan, stack, new StateRecorder(backend, state));
    }
    view.result(result, isDestroy());
    return result.isSuccess() ? ExitCodes.OK : ExitCodes.ERROR;
  }

  // The first JSON line of an apply: what the plan will do, before the progress events.
  private static String planLine(Plan plan) {
    com.fasterxml.jackson.databind.node.ObjectNode line =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    line.put("type", "planned");
    Plan.Counts counts = plan.counts();
    line.put("add", counts.add());
    line.put("change", counts.change());
    line.put("replace", counts.replace());
    line.put("destroy", counts.destroy());
    line.put("hasChanges", plan.hasChanges());
    return line.toString();
  }
}
