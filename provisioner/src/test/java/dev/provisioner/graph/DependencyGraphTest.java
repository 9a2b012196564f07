package dev.provisioner.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void orderPutsDependenciesFirst() {
    DependencyGraph<String> graph = new DependencyGraph<>();
    graph.addDependency("app", "cluster");
    graph.addDependency("cluster", "network");
    graph.addDependency("app", "network");

    assertEquals(List.of("network", "cluster", "app"), graph.topologicalOrder());
  }

  @Test
  void deepChainDoesNotOverflowStack() {
    DependencyGraph<Integer> graph = new DependencyGraph<>();
    for (int i = 1; i < 100_000; i++) {
      graph.addDependency(i, i - 1);
    }

    List<Integer> order = graph.topologicalOrder();

    assertEquals(100_000, order.size());
    assertEquals(0, order.get(0));
  }

  @Test
  void cycleNamesEveryNodeOnItInOrder() {
    DependencyGraph<String> graph = new DependencyGraph<>();
    graph.addDependency("a", "b");
    graph.addDependency("b", "c");
    graph.addDependency("c", "a");
    graph.addDependency("d", "a");

    CycleException error = assertThrows(CycleException.class, graph::topologicalOrder);

    // Adding a -> b inserts b first, so the search starts there.
    assertEquals(List.of("b", "c", "a"), error.cycle());
    assertTrue(error.getMessage().startsWith("dependency cycle: b -> c -> a -> b"),
        error.getMessage());
  }
}
