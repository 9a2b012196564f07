package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provisioner.config.StackJsonSchema;
import dev.provisioner.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner schema}: prints the JSON Schema of stack files, or the Markdown reference of
 * every resource type, generated from the provider schemas.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Prints the JSON Schema of stack files, generated from the provider schemas, "
        + "for editors: provisioner schema > stack.schema.json",
        "With --format markdown, prints the reference of every resource type and field."})
final class SchemaCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { json, markdown }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (JSON Schema draft 2020-12, the default) or markdown.")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ProviderRegistry registry = ProviderRegistry.load();
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.markdown) {
      StackLanguageReference.write(registry, out);
    } else {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(StackJsonSchema.generate(registry)));
    }
    return ExitCodes.OK;
  }
}
