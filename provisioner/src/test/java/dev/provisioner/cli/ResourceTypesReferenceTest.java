package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provisioner.provider.ProviderRegistry;
import dev.provisioner.provider.azure.AzureProvider;
import dev.provisioner.provider.istio.IstioProvider;
import dev.provisioner.provider.knative.KnativeProvider;
import dev.provisioner.provider.kubernetes.KubernetesProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/resource-types.md equal to what the provider schemas generate, so the reference
 * cannot go stale. The registry is built from the product's providers only: the test class path
 * also registers test providers that the docs must not list. The providers are listed in the
 * order the CLI's registry loads them.
 */
class ResourceTypesReferenceTest {

  private static final Path REFERENCE = Path.of("..", "docs", "resource-types.md");

  @Test
  void referenceMatchesProviderSchemas() throws IOException {
    ProviderRegistry registry = ProviderRegistry.of(List.of(
        new AzureProvider(), new IstioProvider(), new KnativeProvider(),
        new KubernetesProvider()));
    StringWriter generated = new StringWriter();
    PrintWriter out = new PrintWriter(generated);

    StackLanguageReference.write(registry, out);
    out.flush();

    assertEquals(generated.toString(), Files.readString(REFERENCE),
        "docs/resource-types.md is out of date; regenerate it with "
            + "'bin/provisioner schema --format markdown > docs/resource-types.md'");
  }
}
