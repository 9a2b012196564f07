package dev.provisioner.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Visits every node of a {@link DependencyGraph} after all its dependencies, running up to
 * {@code parallelism} visits at once.
 *
 * <p>A node starts as soon as its last dependency succeeds. After a failure, or after
 * {@link #stop()}, no new node starts; visits already running finish, and the walk returns once
 * they have. Nodes depending on a failed node, and nodes never started, are reported skipped.
 *
 * @param <T> node type
 */
public final class ParallelWalker<T> {

  /** The parallelism used when the user sets none, as Terraform users expect. */
  public static final int DEFAULT_PARALLELISM = 10;

  private final int parallelism;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public ParallelWalker(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** Stops starting new nodes; running visits finish. Safe to call from any thread. */
  public void stop() {
    stopped.set(true);
  }

  /**
   * Walks {@code graph}, calling {@code visit} for each node.
   *
   * @throws CycleException when the graph has a cycle; nothing is visited then
   */
  public WalkResult<T> walk(DependencyGraph<T> graph, Consumer<T> visit, WalkListener<T> listener) {
    graph.topologicalOrder();

    Map<T, Integer> waitingFor = new HashMap<>();
    Map<T, List<T>> dependents = new HashMap<>();
    Deque<T> ready = new ArrayDeque<>();
    for (T node : graph.nodes()) {
      Set<T> deps = graph.dependenciesOf(node);
      waitingFor.put(node, deps.size());
      for (T dep : deps) {
        dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(node);
      }
      if (deps.isEmpty()) {
        ready.add(node);
      }
    }

    List<T> succeeded = new ArrayList<>();
    Map<T, Throwable> failed = new LinkedHashMap<>();
    Object monitor = new Object();
    int[] running = {0};
    ExecutorService executor = Executors.newFixedThreadPool(parallelism, runnable -> {
      Thread thread = new Thread(runnable, "walker");
      thread.setDaemon(true);
      return thread;
    });
    try {
      synchronized (monitor) {
        while (true) {
          while (!ready.isEmpty() && running[0] < parallelism && !stopped.get()
              && failed.isEmpty()) {
            T node = ready.poll();
            running[0]++;
            listener.started(node);
            executor.execute(() -> {
              Throwable error = null;
              try {
                visit.accept(node);
              } catch (Throwable t) {
                error = t;
              }
              synchronized (monitor) {
                // The walk waits on the monitor until nothing runs, so it is woken even when
                // recording the result fails, for example with an OutOfMemoryError; the node is
                // then reported skipped.
                try {
                  running[0]--;
                  if (error == null) {
                    succeeded.add(node);
                    listener.succeeded(node);
                    for (T dependent : dependents.getOrDefault(node, List.of())) {
                      if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
                        ready.add(dependent);
                      }
                    }
                  } else {
                    failed.put(node, error);
                    listener.failed(node, error);
                  }
                } finally {
                  monitor.notifyAll();
                }
              }
            });
          }
          boolean canStartMore = !ready.isEmpty() && !stopped.get() && failed.isEmpty();
          if (running[0] == 0 && !canStartMore) {
            break;
          }
          monitor.wait();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    } finally {
      executor.shutdown();
    }

    List<T> skipped = new ArrayList<>();
    synchronized (monitor) {
      Set<T> done = new java.util.HashSet<>(succeeded);
      for (T node : graph.nodes()) {
        if (!done.contains(node) && !failed.containsKey(node)) {
          skipped.add(node);
          listener.skipped(node);
        }
      }
      return new WalkResult<>(succeeded, failed, skipped);
    }
  }
}
