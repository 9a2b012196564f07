package dev.provisioner.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.Stack;
import dev.provisioner.graph.ParallelWalker;
import dev.provisioner.plan.RefreshResult;
import dev.provisioner.plan.Refresher;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code provisioner refresh STACK}: reads every recorded resource and writes what it read into
 * state, forgetting resources that are gone.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
    description = "Reads every recorded resource and updates state to match; resources deleted "
        + "outside the tool are forgotten. Changes nothing remotely.")
final class RefreshCommand extends StackCommand {

  @Override
  public Integer call() {
    Stack stack = loadStack();
    StateBackend backend = BackendFactory.create(stack);
    try (StateLock lock = lock(stack, backend, "refresh");
        RunSession session = openSession(stack)) {
      Optional<StateDocument> state = backend.read();
      if (state.isEmpty()) {
        report("The state is empty: nothing to refresh.",
            jsonObject().put("refreshed", 0).put("removed", 0));
        return ExitCodes.OK;
      }
      StateDocument current = state.get();
      RefreshResult result = new Refresher(session.types(), session.context()).refresh(
          current, current.resources().stream().map(ResourceState::address)
              .collect(Collectors.toSet()), true, ParallelWalker.DEFAULT_PARALLELISM);
      List<ResourceState> refreshed = new ArrayList<>();
      for (ResourceState resource : current.resources()) {
        if (result.gone().contains(resource.address())) {
          continue;
        }
        ResourceStatus status = result.recovered().contains(resource.address())
            ? ResourceStatus.CREATED : resource.status();
        refreshed.add(new ResourceState(resource.address(), resource.type(),
            resource.provider(), result.live().getOrDefault(resource.address(),
                resource.attributes()), resource.sensitivePaths(), resource.dependencies(),
            status));
      }
      backend.write(new StateDocument(StateDocument.CURRENT_FORMAT_VERSION, current.lineage(),
          current.serial() + 1, refreshed, current.outputs()), current.serial());
      if (!output.json()) {
        out().print(new PlanView(style()).renderDrift(result.drift()));
      }
      ObjectNode json = jsonObject().put("refreshed", refreshed.size())
          .put("removed", result.gone().size());
      ArrayNode changed = json.putArray("drift");
      result.drift().forEach(drift -> changed.add(drift.address()));
      report("Refreshed " + refreshed.size() + " resources; " + result.gone().size()
          + " no longer exist and were removed from state.", json);
      return ExitCodes.OK;
    }
  }
}
