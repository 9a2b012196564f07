package dev.provisioner.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directed acyclic graph of nodes and the nodes each one depends on. Nodes are compared by
 * {@code equals}; insertion order is kept so that output is stable.
 *
 * @param <T> node type, for example a resource address
 */
public final class DependencyGraph<T> {

  private final Map<T, Set<T>> dependencies = new LinkedHashMap<>();

  /** Adds {@code node} with no dependencies, if absent. */
  public void addNode(T node) {
    dependencies.computeIfAbsent(node, n -> new LinkedHashSet<>());
  }

  /** Records that {@code node} waits for {@code dependency}; adds both nodes if absent. */
  public void addDependency(T node, T dependency) {
    addNode(dependency);
    dependencies.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(dependency);
  }

  /** Returns every node in insertion order. */
  public Set<T> nodes() {
    return Collections.unmodifiableSet(dependencies.keySet());
  }

  /** Returns the nodes {@code node} waits for. */
  public Set<T> dependenciesOf(T node) {
    Set<T> result = dependencies.get(node);
    return result == null ? Set.of() : Collections.unmodifiableSet(result);
  }

  /** Returns the nodes that wait for {@code node}. */
  public Set<T> dependentsOf(T node) {
    Set<T> result = new LinkedHashSet<>();
    dependencies.forEach((candidate, deps) -> {
      if (deps.contains(node)) {
        result.add(candidate);
      }
    });
    return result;
  }

  /** Returns a graph with every edge turned around, for destroying in reverse order. */
  public DependencyGraph<T> reversed() {
    DependencyGraph<T> reversed = new DependencyGraph<>();
    dependencies.keySet().forEach(reversed::addNode);
    dependencies.forEach((node, deps) -> deps.forEach(dep -> reversed.addDependency(dep, node)));
    return reversed;
  }

  /** Returns the nodes in {@code roots} and everything they depend on, directly or not. */
  public Set<T> closure(Set<T> roots) {
    Set<T> seen = new LinkedHashSet<>();
    List<T> pending = new ArrayList<>(roots);
    while (!pending.isEmpty()) {
      T node = pending.remove(pending.size() - 1);
      if (seen.add(node)) {
        pending.addAll(dependenciesOf(node));
      }
    }
    return seen;
  }

  /** Returns the subgraph spanned by {@code keep}, with the edges among those nodes. */
  public DependencyGraph<T> subgraph(Set<T> keep) {
    DependencyGraph<T> result = new DependencyGraph<>();
    for (T node : dependencies.keySet()) {
      if (keep.contains(node)) {
        result.addNode(node);
        for (T dep : dependencies.get(node)) {
          if (keep.contains(dep)) {
            result.addDependency(node, dep);
          }
        }
      }
    }
    return result;
  }

  /**
   * Returns the nodes so that each comes after everything it depends on.
   *
   * @throws CycleException naming every node on the first cycle found
   */
  public List<T> topologicalOrder() {
    List<T> order = new ArrayList<>();
    Map<T, Integer> state = new HashMap<>();
    for (T node : dependencies.keySet()) {
      if (!state.containsKey(node)) {
        visit(node, state, order);
      }
    }
    return order;
  }

  private static final int VISITING = 1;
  private static final int DONE = 2;

  // Depth-first search with an explicit stack, so that chains tens of thousands of resources
  // deep do not overflow the thread's stack. The frames on the stack are the current path; a
  // node met again while on the path closes a cycle, and the path from its first occurrence is
  // that cycle in dependency order.
  private void visit(T root, Map<T, Integer> state, List<T> order) {
    Deque<Frame<T>> path = new ArrayDeque<>();
    state.put(root, VISITING);
    path.push(new Frame<>(root, dependenciesOf(root).iterator()));
    while (!path.isEmpty()) {
      Frame<T> frame = path.peek();
      if (!frame.pending().hasNext()) {
        path.pop();
        state.put(frame.node(), DONE);
        order.add(frame.node());
        continue;
      }
      T dependency = frame.pending().next();
      Integer mark = state.get(dependency);
      if (mark == null) {
        state.put(dependency, VISITING);
        path.push(new Frame<>(dependency, dependenciesOf(dependency).iterator()));
      } else if (mark == VISITING) {
        throw new CycleException(cycleEndingAt(dependency, path));
      }
    }
  }

  private static <T> List<String> cycleEndingAt(T node, Deque<Frame<T>> path) {
    List<String> cycle = new ArrayList<>();
    // The deque iterates from the top of the stack, the deepest frame, back to the root.
    for (Frame<T> frame : path) {
      cycle.add(0, String.valueOf(frame.node()));
      if (frame.node().equals(node)) {
        break;
      }
    }
    return cycle;
  }

  /** A node on the depth-first path with the dependencies still to visit. */
  private record Frame<T>(T node, Iterator<T> pending) {}
}
