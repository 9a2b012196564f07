package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.Stack;
import dev.provisioner.config.StackGraph;
import dev.provisioner.graph.DependencyGraph;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner graph STACK}: prints the dependency graph as Graphviz DOT or as text.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Prints the stack's dependency graph: an edge from each resource to every "
        + "resource it references or lists in dependsOn.",
        "Render DOT with Graphviz: provisioner graph STACK | dot -Tsvg > graph.svg"})
final class GraphCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { dot, text }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin StackOptions stack;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot",
      description = "dot (Graphviz, the default) or text (each resource with what it waits "
          + "for, in an order that respects dependencies).")
  Format format;

  @Override
  public Integer call() throws Exception {
    Stack loaded = stack.load();
    DependencyGraph<ResourceAddress> graph = StackGraph.build(loaded);
    List<ResourceAddress> order = graph.topologicalOrder();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(loaded, graph,
          order)));
    } else if (format == Format.text) {
      printText(out, loaded, graph, order);
    } else {
      printDot(out, loaded, graph);
    }
    return ExitCodes.OK;
  }

  private static void printText(PrintWriter out, Stack stack,
      DependencyGraph<ResourceAddress> graph, List<ResourceAddress> order) {
    for (ResourceAddress address : order) {
      String type = stack.resource(address).map(ResourceConfig::type).orElse("");
      List<String> waitsFor = graph.dependenciesOf(address).stream()
          .map(ResourceAddress::toString).sorted().toList();
      out.println(address + " (" + type + ")" + (waitsFor.isEmpty()
          ? "" : " waits for: " + String.join(", ", waitsFor)));
    }
  }

  private static void printDot(PrintWriter out, Stack stack,
      DependencyGraph<ResourceAddress> graph) {
    out.println("digraph \"" + escape(stack.name()) + "\" {");
    out.println("  rankdir = \"RL\";");
    out.println("  node [shape = box];");
    for (ResourceAddress address : graph.nodes()) {
      String type = stack.resource(address).map(ResourceConfig::type).orElse("");
      out.println("  \"" + escape(address.toString()) + "\" [label = \""
          + escape(address.toString()) + "\\n" + escape(type) + "\"];");
    }
    for (ResourceAddress address : graph.nodes()) {
      for (ResourceAddress dependency : graph.dependenciesOf(address)) {
        out.println("  \"" + escape(address.toString()) + "\" -> \""
            + escape(dependency.toString()) + "\";");
      }
    }
    out.println("}");
  }

  private static ObjectNode json(Stack stack, DependencyGraph<ResourceAddress> graph,
      List<ResourceAddress> order) {
    ObjectNode result = JSON.createObjectNode();
    result.put("stack", stack.name());
    ArrayNode resources = result.putArray("resources");
    for (ResourceAddress address : order) {
      ObjectNode item = resources.addObject();
      item.put("address", address.toString());
      item.put("type", stack.resource(address).map(ResourceConfig::type).orElse(""));
      ArrayNode waitsFor = item.putArray("waitsFor");
      graph.dependenciesOf(address).forEach(dependency -> waitsFor.add(dependency.toString()));
    }
    return result;
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
