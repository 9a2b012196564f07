package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.sandbox.FaultRules;
import dev.provisioner.sandbox.RunningSandbox;
import dev.provisioner.sandbox.Sandbox;
import dev.provisioner.sandbox.SandboxOptions;
import dev.provisioner.sandbox.kube.KubeClusterHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts the ARM requests and measures the wall time of creating the seed cluster and the
 * resources it needs (resource group, workspace, virtual network) against a sandbox whose
 * long-running operations stay InProgress for 2 s. Run it with
 * {@code ./mvnw -B -pl provisioner -am test -Dtest=SeedClusterBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dprovisioner.benchmark=true}; it prints a Markdown
 * table and writes it to {@code provisioner/target/benchmarks/arm.md}.
 */
@EnabledIfSystemProperty(named = "provisioner.benchmark", matches = "true")
class SeedClusterBenchmark {

  private static final Duration OPERATION_DURATION = Duration.ofSeconds(2);

  @TempDir Path world;

  private record Step(String name, long requests, long millis) {}

  @Test
  void seedClusterCreate() throws Exception {
    List<Step> steps = new ArrayList<>();
    try (RunningSandbox sandbox = Sandbox.start(
            SandboxOptions.of(world, new KubeClusterHost(world))
                .withFaults(new FaultRules())
                .withOperationDuration(OPERATION_DURATION));
        TestContext run = new TestContext(settings(sandbox))) {
      AzureClients clients = AzureClients.of(run);
      String subscription = sandbox.subscriptionId();
      ObjectNode cluster = Stacks.seedCluster(subscription);

      measure(steps, clients, "resource group: create", () -> new ResourceGroupType().create(run,
          Stacks.yaml("{ name: knative-dev-rg, location: eastasia, tags: { env: dev } }")));
      measure(steps, clients, "workspace: create", () -> new LogAnalyticsWorkspaceType()
          .create(run, Stacks.yaml("{ name: knative-dev-logs, resourceGroup: knative-dev-rg,"
              + " location: eastasia, retentionInDays: 30 }")));
      measure(steps, clients, "virtual network: create", () -> new VirtualNetworkType()
          .create(run, Stacks.yaml("{ name: knative-dev-vnet, resourceGroup: knative-dev-rg,"
              + " location: eastasia, addressSpace: [10.224.0.0/12],"
              + " subnets: { nodes: 10.224.0.0/16, aci: 10.225.0.0/16 } }")));
      measure(steps, clients, "cluster: plan (live checks)",
          () -> new AksClusterType().plan(run, cluster, Optional.empty()));
      ObjectNode[] created = new ObjectNode[1];
      measure(steps, clients, "cluster: create (with kubeconfig)",
          () -> created[0] = new AksClusterType().create(run, cluster));
      assertTrue(created[0].get("kubeconfig").asText().contains("clusters:"));
    }
    report(steps);
  }

  private static RunSettings settings(RunningSandbox sandbox) {
    return new RunSettings("benchmark", Path.of("."), Path.of("."),
        Stacks.yaml("{ cloud: sandbox }"), Map.of(), Optional.empty(), Map.of(
            "arm", sandbox.armUrl(),
            "armCertificate", sandbox.certificatePem(),
            "armToken", sandbox.token(),
            "subscriptionId", sandbox.subscriptionId()));
  }

  private static void measure(List<Step> steps, AzureClients clients, String name, Runnable step) {
    long requestsBefore = clients.requestCount();
    long start = System.nanoTime();
    step.run();
    steps.add(new Step(name, clients.requestCount() - requestsBefore,
        (System.nanoTime() - start) / 1_000_000));
  }

  private static void report(List<Step> steps) throws Exception {
    StringBuilder table = new StringBuilder("| step | ARM requests | wall time (ms) |\n")
        .append("|---|---:|---:|\n");
    Consumer<Step> row = step -> table.append("| ").append(step.name()).append(" | ")
        .append(step.requests()).append(" | ").append(step.millis()).append(" |\n");
    steps.forEach(row);
    row.accept(new Step("total",
        steps.stream().mapToLong(Step::requests).sum(),
        steps.stream().mapToLong(Step::millis).sum()));
    System.out.print(table);
    Path out = Path.of("target", "benchmarks", "arm.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
