package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.Stack;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.StateDocument;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code provisioner output STACK [NAME]}: prints the outputs recorded by the last apply.
 * Sensitive values are printed only when their output is named.
 */
@Command(name = "output", mixinStandardHelpOptions = true,
    description = "Prints the outputs recorded by the last apply. A sensitive output shows "
        + "its value only when asked for by NAME.")
final class OutputCommand extends StackCommand {

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
      description = "The output to print; its plain value is printed (strings unquoted).")
  String name;

  @Override
  public Integer call() throws Exception {
    Stack stack = loadStack();
    Map<String, OutputState> outputs = BackendFactory.create(stack).read()
        .map(StateDocument::outputs).orElse(Map.of());
    ObjectMapper mapper = new ObjectMapper();
    if (name != null) {
      OutputState output = outputs.get(name);
      if (output == null) {
        throw new IllegalArgumentException("no output named '" + name + "' in the state of "
            + "stack '" + stack.name() + "'; the recorded outputs are " + new TreeMap<>(outputs)
            .keySet());
      }
      JsonNode value = output.value();
      out().println(this.output.json() || !value.isTextual() ? value.toString() : value.asText());
      return ExitCodes.OK;
    }
    if (output.json()) {
      ObjectNode root = mapper.createObjectNode();
      new TreeMap<>(outputs).forEach((key, value) -> {
        ObjectNode entry = root.putObject(key);
        entry.put("sensitive", value.sensitive());
        entry.set("value", value.sensitive() ? mapper.nullNode() : value.value());
      });
      out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return ExitCodes.OK;
    }
    if (outputs.isEmpty()) {
      out().println("No outputs recorded; run apply first.");
    }
    OutputLines.render(outputs).forEach(out()::println);
    return ExitCodes.OK;
  }
}
