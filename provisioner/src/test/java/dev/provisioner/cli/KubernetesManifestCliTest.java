package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.provider.kubernetes.Fixtures;
import dev.provisioner.sandbox.kube.ClusterApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kubernetes.manifest through plan, apply, a second plan and destroy, as users run them. */
class KubernetesManifestCliTest {

  private static final String STACK =
      """
      stack: kube
      resources:
        team:
          type: kubernetes.manifest
          properties: { cluster: { kubeconfig: kubeconfig.yaml }, file: team.yaml }
      """;

  private static final String TEAM =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team-cli}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-cli}
      data: {color: blue}
      """;

  @TempDir Path folder;

  @Test
  void manifestAppliesPlansCleanAndDestroys() throws Exception {
    try (ClusterApiServer server = ClusterApiServer.start("cli", "1.30.0");
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.kubeconfig()))
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build()) {
      Files.writeString(folder.resolve("kubeconfig.yaml"), server.kubeconfig());
      Files.writeString(folder.resolve("team.yaml"), TEAM);
      CliRun.writeStack(folder, STACK);

      CliRun apply = CliRun.run(folder, "apply", "stack.yaml", "--auto-approve");
      CliRun clean = CliRun.run(folder, "plan", "stack.yaml", "--detailed-exitcode");
      Files.writeString(folder.resolve("team.yaml"), TEAM.replace("blue", "green"));
      CliRun changed = CliRun.run(folder, "plan", "stack.yaml", "--detailed-exitcode");
      CliRun destroy = CliRun.run(folder, "destroy", "stack.yaml", "--auto-approve");

      assertEquals(0, apply.exitCode, apply.toString());
      assertEquals(0, clean.exitCode, clean.toString());
      assertTrue(clean.out.contains("No changes."), clean.toString());
      assertEquals(2, changed.exitCode, changed.toString());
      assertTrue(changed.out.contains("ConfigMap/team-cli/settings"), changed.toString());
      assertFalse(changed.out.contains("Namespace/team-cli\""), changed.toString());
      assertEquals(0, destroy.exitCode, destroy.toString());
      assertNull(client.namespaces().withName("team-cli").get());
    }
  }

  @Test
  void istioPlansFromManifestMirror() throws Exception {
    try (ClusterApiServer server = ClusterApiServer.start("cli-istio", "1.30.0")) {
      Files.writeString(folder.resolve("kubeconfig.yaml"), server.kubeconfig());
      CliRun.writeStack(
          folder,
          """
          stack: mesh
          resources:
            istio:
              type: istio.install
              properties: { cluster: { kubeconfig: kubeconfig.yaml }, version: 1.22.2 }
          """);

      CliRun plan =
          CliRun.run(
              folder, "plan", "stack.yaml", "--manifest-mirror", Fixtures.mirror().toString());

      assertEquals(0, plan.exitCode, plan.toString());
      assertTrue(plan.out.contains("istio will be created"), plan.toString());
    }
  }
}
