package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provisioner version}: prints the version, the Java runtime and the providers. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Prints the version of provisioner, the Java runtime and the providers found.")
final class VersionCommand implements Callable<Integer> {

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String version = new VersionProvider().getVersion()[0];
    String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
        + ")";
    ProviderRegistry registry = ProviderRegistry.load();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectNode json = new ObjectMapper().createObjectNode();
      json.put("version", version.replaceFirst("^provisioner ", ""));
      json.put("java", java);
      ObjectNode providers = json.putObject("providers");
      for (Provider provider : registry.providers()) {
        providers.put(provider.id(), provider.resourceTypes().size());
      }
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
      return ExitCodes.OK;
    }
    out.println(version);
    out.println("Java " + java);
    for (Provider provider : registry.providers()) {
      out.println("provider " + provider.id() + ": " + provider.resourceTypes().size()
          + " resource types");
    }
    return ExitCodes.OK;
  }
}
