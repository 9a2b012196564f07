package dev.provisioner.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.apply.Applier;
import dev.provisioner.apply.ApplyOptions;
import dev.provisioner.apply.ApplyResult;
import dev.provisioner.apply.StateRecorder;
import dev.provisioner.cli.PlanRendering;
import dev.provisioner.config.Expr;
import dev.provisioner.config.Lifecycle;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.SourcePosition;
import dev.provisioner.config.Stack;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanOptions;
import dev.provisioner.plan.Planner;
import dev.provisioner.plan.RunContext;
import dev.provisioner.plan.TypeLookup;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Measures the engine: plan time and heap for large stacks, apply wall time against the
 * schedule's lower bound, and provider calls of a no-change plan. Run it with
 * {@code scripts/engine-benchmark.sh}; docs/benchmarks.md has the results.
 *
 * <p>Arguments: {@code plan [SIZES...]}, {@code apply [PARALLELISM...]}, or {@code all}.
 */
public final class EngineBenchmark {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Path NOWHERE = Path.of("bench.yaml");

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    // The first call loads the management classes; it must not fall inside a timed section.
    processCpuNanos();
    String mode = args.length == 0 ? "all" : args[0];
    List<String> rest = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    if (mode.equals("plan") || mode.equals("all")) {
      List<Integer> sizes = rest.isEmpty() || mode.equals("all") ? List.of(1_000, 10_000, 50_000)
          : rest.stream().map(Integer::parseInt).toList();
      System.out.println("| resources | plan with refresh (ms) | diff + render (ms) | "
          + "diff + render CPU (ms) | render alone (ms) | peak heap (MB) | reads | "
          + "plan() calls | finds |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (int size : sizes) {
        planBenchmark(size);
      }
    }
    if (mode.equals("apply") || mode.equals("all")) {
      List<Integer> parallelisms = rest.isEmpty() || mode.equals("all") ? List.of(1, 4, 10, 32)
          : rest.stream().map(Integer::parseInt).toList();
      System.out.println();
      System.out.println("| parallelism | wall (s) | critical path (s) | total work / p (s) | "
          + "lower bound (s) | ratio | state writes | time in state writes (s) |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (int parallelism : parallelisms) {
        applyBenchmark(parallelism);
      }
    }
  }

  // A stack of `size` items, each referring to one of the 20 items before it, and a state in
  // which every item exists; 1% of them are planned with a different size.
  private static void planBenchmark(int size) throws Exception {
    InMemoryType type = new InMemoryType(name -> 0);
    List<ResourceConfig> resources = new ArrayList<>();
    List<ResourceState> recorded = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < size; i++) {
      String name = "item" + i;
      int upstream = i == 0 ? -1 : Math.max(0, i - 1 - random.nextInt(20));
      boolean changed = i % 100 == 50;
      resources.add(item(name, changed ? 2 : 1, upstream < 0 ? null : "item" + upstream));
      ObjectNode attributes = JSON.objectNode();
      attributes.put("name", name);
      attributes.put("size", 1);
      attributes.putObject("tags").put("team", "platform").put("env", "bench");
      if (upstream >= 0) {
        attributes.put("upstream", "id-item" + upstream);
      }
      attributes.put("id", "id-" + name);
      type.remote.put(name, attributes.deepCopy());
      recorded.add(new ResourceState(name, "bench.item", "bench", attributes, List.of(),
          upstream < 0 ? List.of() : List.of("item" + upstream), ResourceStatus.CREATED));
    }
    Stack stack = new Stack("bench", "", NOWHERE, Optional.empty(), JSON.objectNode(),
        resources, List.of(), "hash");
    StateDocument state = new StateDocument(1, "lineage", 1, recorded, Map.of());
    TypeLookup types = name -> Optional.<ResourceType>of(type);

    // One warm-up run of each timed path lets the JIT compile them before anything is timed.
    plan(types, stack, state, true);
    PlanRendering.human(plan(types, stack, state, false));
    type.reads.set(0);
    type.plans.set(0);
    type.finds.set(0);
    resetPeaks();

    long started = System.nanoTime();
    Plan refreshed = plan(types, stack, state, true);
    long withRefresh = System.nanoTime() - started;
    long reads = type.reads.get();
    long plans = type.plans.get();
    long finds = type.finds.get();

    started = System.nanoTime();
    long cpuStarted = processCpuNanos();
    Plan diffed = plan(types, stack, state, false);
    String text = PlanRendering.human(diffed);
    long diffAndRender = System.nanoTime() - started;
    long diffAndRenderCpu = processCpuNanos() - cpuStarted;

    started = System.nanoTime();
    PlanRendering.human(diffed);
    long renderAlone = System.nanoTime() - started;
    long peak = peakHeapBytes();

    if (refreshed.counts().change() != size / 100 || text.isEmpty()) {
      throw new IllegalStateException("expected " + size / 100 + " updates, planned "
          + refreshed.counts());
    }
    System.out.printf(Locale.ROOT, "| %,d | %d | %d | %d | %d | %d | %,d | %,d | %,d |%n", size,
        withRefresh / 1_000_000, diffAndRender / 1_000_000, diffAndRenderCpu / 1_000_000,
        renderAlone / 1_000_000,
        peak / (1024 * 1024), reads, plans, finds);
  }

  private static Plan plan(TypeLookup types, Stack stack, StateDocument state, boolean refresh) {
    try (RunContext run = new RunContext(settings(Path.of(".")), Duration.ofMinutes(1))) {
      return new Planner(types, run).plan(stack, Optional.of(state),
          new PlanOptions(refresh, false, Set.of(), 10));
    }
  }

  // 200 items in 20 layers of 10; each item after the first layer depends on one to three items
  // of earlier layers (mostly the layer just before), and its create sleeps 50 to 500 ms.
  private static void applyBenchmark(int parallelism) throws Exception {
    Random random = new Random(42);
    int layers = 20;
    int width = 10;
    Map<String, Long> millis = new HashMap<>();
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    List<ResourceConfig> resources = new ArrayList<>();
    for (int layer = 0; layer < layers; layer++) {
      for (int column = 0; column < width; column++) {
        String name = "l" + layer + "c" + column;
        millis.put(name, 50L + random.nextInt(451));
        List<String> upstream = new ArrayList<>();
        if (layer > 0) {
          int fanIn = 1 + random.nextInt(3);
          for (int k = 0; k < fanIn; k++) {
            int fromLayer = random.nextInt(4) == 0 ? random.nextInt(layer) : layer - 1;
            String dependency = "l" + fromLayer + "c" + random.nextInt(width);
            if (!upstream.contains(dependency)) {
              upstream.add(dependency);
            }
          }
        }
        dependencies.put(name, upstream);
        resources.add(itemDependingOn(name, upstream));
      }
    }
    double critical = criticalPathSeconds(dependencies, millis);
    double total = millis.values().stream().mapToLong(Long::longValue).sum() / 1000.0;
    double bound = Math.max(critical, total / parallelism);

    InMemoryType type = new InMemoryType(millis::get);
    TypeLookup types = name -> Optional.<ResourceType>of(type);
    Stack stack = new Stack("bench", "", NOWHERE, Optional.empty(), JSON.objectNode(),
        resources, List.of(), "hash");
    Path folder = Files.createTempDirectory("engine-bench");
    TimedBackend backend = new TimedBackend(new LocalBackend(folder.resolve("bench.state.json")));
    try (RunContext run = new RunContext(settings(folder), Duration.ofMinutes(5))) {
      Plan plan = new Planner(types, run).plan(stack, Optional.empty(),
          new PlanOptions(true, false, Set.of(), parallelism));
      long started = System.nanoTime();
      ApplyResult result = new Applier(types, run,
          new ApplyOptions(parallelism, Duration.ofSeconds(10)), event -> {})
          .apply(plan, stack, new StateRecorder(backend, Optional.empty()));
      double wall = (System.nanoTime() - started) / 1e9;
      if (!result.isSuccess() || result.added() != 200) {
        throw new IllegalStateException("apply failed: " + result.errors());
      }
      System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.3f | %d | %.2f |%n",
          parallelism, wall, critical, total / parallelism, bound, wall / bound,
          backend.writes.get(), backend.writeNanos.get() / 1e9);
    }
  }

  private static double criticalPathSeconds(
      Map<String, List<String>> dependencies, Map<String, Long> millis) {
    Map<String, Long> finish = new HashMap<>();
    // Items are listed layer by layer, so every dependency's finish time is known before use.
    for (Map.Entry<String, List<String>> entry : dependencies.entrySet()) {
      long start = entry.getValue().stream().mapToLong(finish::get).max().orElse(0);
      finish.put(entry.getKey(), start + millis.get(entry.getKey()));
    }
    return finish.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0;
  }

  private static ResourceConfig item(String name, int size, String upstream) {
    SourcePosition position = new SourcePosition(NOWHERE, 1, 1);
    Map<String, Expr> fields = new LinkedHashMap<>();
    fields.put("name", new Expr.Literal(JSON.textNode(name), position));
    fields.put("size", new Expr.Literal(JSON.numberNode(size), position));
    Map<String, Expr> tags = new LinkedHashMap<>();
    tags.put("team", new Expr.Literal(JSON.textNode("platform"), position));
    tags.put("env", new Expr.Literal(JSON.textNode("bench"), position));
    fields.put("tags", new Expr.ObjectExpr(tags, position));
    if (upstream != null) {
      fields.put("upstream", new Expr.Reference(ResourceAddress.of(upstream),
          List.of(new Expr.PathStep.Field("id")), position));
    }
    return new ResourceConfig(ResourceAddress.of(name), "bench.item",
        new Expr.ObjectExpr(fields, position), List.of(), Lifecycle.NONE, position);
  }

  private static ResourceConfig itemDependingOn(String name, List<String> upstream) {
    SourcePosition position = new SourcePosition(NOWHERE, 1, 1);
    Map<String, Expr> fields = new LinkedHashMap<>();
    fields.put("name", new Expr.Literal(JSON.textNode(name), position));
    fields.put("size", new Expr.Literal(JSON.numberNode(1), position));
    return new ResourceConfig(ResourceAddress.of(name), "bench.item",
        new Expr.ObjectExpr(fields, position),
        upstream.stream().map(ResourceAddress::of).toList(), Lifecycle.NONE, position);
  }

  private static RunSettings settings(Path folder) {
    return new RunSettings("bench", folder, folder.resolve(".provisioner"), JSON.objectNode(),
        Map.of(), Optional.empty(), Map.of());
  }

  // CPU time of every thread of the process, so that a busy shared machine does not hide the
  // work done behind the wall time.
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  // The sum of the heap pools' peaks over-states the true peak a little, because the pools
  // peak at different moments; it is an upper bound.
  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
