package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ConfigException;
import dev.provisioner.config.Stack;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner validate STACK}: loads the stack and checks it against the provider
 * schemas. Static: it reads local files only and contacts no cloud or cluster.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks a stack without contacting anything: YAML, variables, modules, "
        + "properties against the provider schemas, references and dependency cycles.",
        "Exits 0 when the stack is valid and 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin StackOptions stack;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Stack loaded;
    try {
      loaded = stack.load();
    } catch (ConfigException e) {
      if (!output.json()) {
        throw e;
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(failure(e)));
      return ExitCodes.ERROR;
    }

    if (output.json()) {
      ObjectNode result = JSON.createObjectNode();
      result.put("valid", true);
      result.put("stack", loaded.name());
      result.put("resources", loaded.resources().size());
      result.put("outputs", loaded.outputs().size());
      result.put("sourceHash", loaded.sourceHash());
      result.putArray("diagnostics");
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    } else {
      out.printf("%s is valid: stack '%s', %d resources, %d outputs.%n",
          stack.workingDirectory().relativize(loaded.file()), loaded.name(),
          loaded.resources().size(), loaded.outputs().size());
    }
    return ExitCodes.OK;
  }

  private static ObjectNode failure(ConfigException e) {
    ObjectNode result = JSON.createObjectNode();
    result.put("valid", false);
    Diagnostics.add(result.putArray("diagnostics"), e);
    return result;
  }
}
