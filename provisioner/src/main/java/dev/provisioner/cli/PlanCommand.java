package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.Stack;
import dev.provisioner.graph.ParallelWalker;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanFile;
import dev.provisioner.plan.PlanVariables;
import dev.provisioner.plan.PlanJson;
import dev.provisioner.plan.PlanOptions;
import dev.provisioner.plan.Planner;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provisioner plan STACK}: refreshes the recorded resources, compares them with the stack
 * and shows what apply would do.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Shows what apply would change: refreshes every recorded resource, reports "
        + "drift, and lists each create, update, replace and delete with attribute diffs.",
        "Exit codes: 0 success, 1 error; with --detailed-exitcode 0 no changes, 1 error, "
            + "2 changes present."})
final class PlanCommand extends StackCommand {

  @Option(names = "--out", paramLabel = "FILE",
      description = "Saves the plan and its variable values to FILE for 'provisioner apply FILE'. "
          + "Sensitive values are left out and resolved again at apply.")
  Path outFile;

  @Option(names = "--refresh", arity = "1", defaultValue = "true", paramLabel = "BOOLEAN",
      description = "Whether to read every recorded resource first (default true); "
          + "--refresh=false plans against state as recorded.")
  boolean refresh;

  @Option(names = "--target", paramLabel = "ADDRESS",
      description = "Limits the plan to ADDRESS and its dependencies; repeatable.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--detailed-exitcode",
      description = "Exits 2 when the plan has changes, 0 when it has none, 1 on error.")
  boolean detailedExitCode;

  @Option(names = "--destroy", description = "Plans the deletion of every recorded resource.")
  boolean destroy;

  @Option(names = "--parallelism", paramLabel = "N",
      defaultValue = "" + ParallelWalker.DEFAULT_PARALLELISM,
      description = "How many provider calls run at once (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    Stack stack = loadStack();
    StateBackend backend = BackendFactory.create(stack);
    Plan plan;
    try (StateLock lock = lock(stack, backend, "plan")) {
      Optional<StateDocument> state = backend.read();
      try (RunSession session = openSession(stack)) {
        plan = new Planner(session.types(), session.context()).plan(stack, state,
            new PlanOptions(refresh, destroy, parseTargets(targets), parallelism));
      }
    }
    if (output.json()) {
      out().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(PlanJson.encode(plan)));
    } else {
      out().print(new PlanView(style()).render(plan));
    }
    if (outFile != null) {
      Path file = stackOptions.workingDirectory().resolve(outFile);
      new PlanFile(plan, stack.file(), PlanVariables.of(resolveVariables())).write(file);
      if (!output.json()) {
        out().println("\nSaved the plan to " + outFile + ". Apply exactly this plan with:\n"
            + "    provisioner apply " + outFile);
      }
    }
    out().flush();
    if (detailedExitCode && plan.hasChanges()) {
      return ExitCodes.CHANGES_PRESENT;
    }
    return ExitCodes.OK;
  }

  /** Parses {@code --target} values into addresses. */
  static Set<ResourceAddress> parseTargets(List<String> targets) {
    return targets.stream().map(PlanCommand::parseTarget).collect(Collectors.toSet());
  }

  private static ResourceAddress parseTarget(String target) {
    // NOTE: a whole module is not a target yet, because the planner limits a run to resource
    // addresses and their dependencies.
    if (target.matches("(module\\.[^.]+)(\\.module\\.[^.]+)*")) {
      throw new IllegalArgumentException("--target " + target + " names a whole module, which "
          + "cannot be targeted; name its resources instead, for example --target " + target
          + ".NAME ('provisioner state list' shows them)");
    }
    return ResourceAddress.parse(target);
  }
}
