package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.Stack;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateDocument;
import dev.provisioner.state.StateLock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provisioner state list|show|rm|mv|migrate}: inspects, edits and moves recorded state. */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Inspects and edits the recorded state of a stack without touching the "
        + "resources themselves.",
    subcommands = {StateCommand.ListCommand.class, StateCommand.ShowResourceCommand.class,
        StateCommand.RemoveCommand.class, StateCommand.MoveCommand.class,
        StateMigrateCommand.class})
final class StateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Reads, changes and writes state under the lock, with the serial incremented. */
  static StateDocument edit(StackCommand command, Stack stack, String operation,
      UnaryOperator<List<ResourceState>> change) {
    StateBackend backend = BackendFactory.create(stack);
    try (StateLock lock = command.lock(stack, backend, operation)) {
      StateDocument state = backend.read().orElseThrow(() -> new IllegalStateException(
          "no state recorded for stack '" + stack.name() + "' at " + backend.describe()));
      List<ResourceState> resources = change.apply(new ArrayList<>(state.resources()));
      StateDocument next = new StateDocument(StateDocument.CURRENT_FORMAT_VERSION,
          state.lineage(), state.serial() + 1, resources, state.outputs());
      backend.write(next, state.serial());
      return next;
    }
  }

  static ResourceState find(List<ResourceState> resources, String address, Stack stack) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no resource '" + address
            + "' in the state of stack '" + stack.name() + "'; list them with "
            + "'provisioner state list'"));
  }

  /**
   * {@code state list STACK}: one address per line, followed by "(pending create)" or
   * "(tainted)" for a resource that is not simply created; with {@code --json} one document
   * {@code {"resources": [{"address", "type", "provider", "status"}]}}.
   */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the addresses of the recorded resources; with --json also their "
          + "type, provider and status.")
  static final class ListCommand extends StackCommand {
    @Override
    public Integer call() throws Exception {
      Stack stack = loadStack();
      List<ResourceState> resources = BackendFactory.create(stack).read()
          .map(StateDocument::resources).orElse(List.of()).stream()
          .sorted(Comparator.comparing(ResourceState::address)).toList();
      if (output.json()) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("resources");
        for (ResourceState resource : resources) {
          list.addObject()
              .put("address", resource.address())
              .put("type", resource.type())
              .put("provider", resource.provider())
              .put("status", resource.status().name());
        }
        out().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(root));
      } else {
        resources.forEach(resource -> out().println(resource.address()
            + StateView.statusNote(resource).map(note -> " (" + note + ")").orElse("")));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code state show STACK ADDRESS}: the recorded attributes of one resource. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Prints the recorded attributes of one resource; sensitive values masked.")
  static final class ShowResourceCommand extends StackCommand {
    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The resource address.")
    String address;

    @Override
    public Integer call() throws Exception {
      Stack stack = loadStack();
      List<ResourceState> resources = BackendFactory.create(stack).read()
          .map(StateDocument::resources).orElse(List.of());
      ResourceState resource = find(resources, address, stack);
      if (output.json()) {
        out().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(StateView.resourceJson(resource)));
      } else {
        out().print(new StateView(style()).resource(resource));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code state rm STACK ADDRESS...}: forgets resources without deleting them. */
  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Removes resources from state; the resources themselves stay as they are.")
  static final class RemoveCommand extends StackCommand {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ADDRESS",
        description = "Addresses to forget.")
    List<String> addresses = new ArrayList<>();

    @Override
    public Integer call() {
      Stack stack = loadStack();
      edit(this, stack, "state rm", resources -> {
        for (String address : addresses) {
          resources.remove(find(resources, address, stack));
        }
        return resources;
      });
      if (output.json()) {
        ObjectNode removed = jsonObject();
        addresses.forEach(removed.putArray("removed")::add);
        out().println(removed);
      } else {
        addresses.forEach(address -> out().println("Removed " + address + " from state."));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code state mv STACK FROM TO}: renames a recorded resource. */
  @Command(name = "mv", mixinStandardHelpOptions = true,
      description = "Moves a recorded resource to another address, for example after renaming "
          + "it in the stack, so that it is not replaced.")
  static final class MoveCommand extends StackCommand {
    @Parameters(index = "1", paramLabel = "FROM", description = "The current address.")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "The new address.")
    String to;

    @Override
    public Integer call() {
      ResourceAddress.parse(to);
      Stack stack = loadStack();
      edit(this, stack, "state mv", resources -> {
        ResourceState moved = find(resources, from, stack);
        if (resources.stream().anyMatch(r -> r.address().equals(to))) {
          throw new IllegalArgumentException("'" + to + "' is already in state; remove it "
              + "first with 'provisioner state rm'");
        }
        resources.remove(moved);
        resources.add(new ResourceState(to, moved.type(), moved.provider(), moved.attributes(),
            moved.sensitivePaths(), moved.dependencies(), moved.status()));
        resources.sort(Comparator.comparing(ResourceState::address));
        return resources;
      });
      report("Moved " + from + " to " + to + ".", jsonObject().put("moved", from).put("to", to));
      return ExitCodes.OK;
    }
  }
}
