package dev.provisioner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.Stack;
import dev.provisioner.plan.ResourceValues;
import dev.provisioner.plan.TypeLookup;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code provisioner import STACK ADDRESS ID}: records an existing resource in state under an
 * address the stack declares, so that the next plan manages it instead of creating it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Reads an existing resource by its remote id and records it in state at "
        + "ADDRESS, which the stack must declare. Run plan afterwards to see how it differs "
        + "from the stack.")
final class ImportCommand extends StackCommand {

  @Parameters(index = "1", paramLabel = "ADDRESS", description = "Address in the stack.")
  String address;

  @Parameters(index = "2", paramLabel = "ID", description = "The resource's remote id.")
  String id;

  @Override
  public Integer call() {
    Stack stack = loadStack();
    ResourceConfig config = stack.resource(ResourceAddress.parse(address)).orElseThrow(() ->
        new IllegalArgumentException("the stack declares no resource '" + address + "'; add "
            + "it to the stack first, then import it"));
    ResourceType type = registry().type(config.type()).orElseThrow(() ->
        new IllegalStateException("no installed provider serves type '" + config.type() + "'"));
    ObjectNode attributes;
    try (RunSession session = openSession(stack)) {
      attributes = ResourceValues.reduceReferences(type.schema(),
          type.importResource(session.context().forResource(address), id));
    }
    List<String> dependencies = config.dependencies().stream().map(ResourceAddress::toString)
        .toList();
    ResourceState imported = new ResourceState(address, config.type(),
        TypeLookup.providerOf(config.type()), attributes,
        ResourceValues.sensitivePaths(type, attributes), dependencies,
        ResourceStatus.CREATED);
    StateCommand.edit(this, stack, "import", resources -> {
      if (resources.stream().anyMatch(r -> r.address().equals(address))) {
        throw new IllegalArgumentException("'" + address + "' is already in state; remove it "
            + "with 'provisioner state rm' before importing again");
      }
      resources.add(imported);
      return resources;
    });
    report("Imported " + address + " [id=" + id + "]. Run plan to compare it with the stack.",
        jsonObject().put("imported", address).put("id", id));
    return ExitCodes.OK;
  }
}
