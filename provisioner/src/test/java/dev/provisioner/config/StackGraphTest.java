package dev.provisioner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provisioner.graph.DependencyGraph;
import dev.provisioner.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackGraphTest {

  private static final Path STACKS = Path.of("src/test/resources/stacks");

  @Test
  void referencesAndDependsOnBecomeEdges() {
    Stack stack = new StackLoader(ProviderRegistry.load(), STACKS)
        .load(STACKS.resolve("valid.yaml"), VariableInputs.of(Map.of()));

    DependencyGraph<ResourceAddress> graph = StackGraph.build(stack);

    assertEquals(Set.of(), graph.dependenciesOf(ResourceAddress.of("rg")));
    assertEquals(Set.of(ResourceAddress.of("rg")),
        graph.dependenciesOf(ResourceAddress.of("aks")));
    assertEquals(Set.of(ResourceAddress.of("aks"), ResourceAddress.parse("module.team-a.app"),
            ResourceAddress.parse("module.team-a.module.inner.sidecar")),
        graph.dependenciesOf(ResourceAddress.of("hello")));
    assertEquals(Set.of(ResourceAddress.of("aks")),
        graph.dependenciesOf(ResourceAddress.parse("module.team-a.app")));
  }
}
