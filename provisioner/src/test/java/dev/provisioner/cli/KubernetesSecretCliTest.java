package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.sandbox.kube.ClusterApiServer;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.ResourceState;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in a kubernetes.manifest stay masked in plan, apply, show and state show. */
class KubernetesSecretCliTest {

  private static final String PASSWORD = "Hunter2-TopSecret";
  // "Hunter2-TopSecret" in base64, the encoding of a Secret's data field.
  private static final String ENCODED = "SHVudGVyMi1Ub3BTZWNyZXQ=";

  private static final String STACK =
      """
      stack: kube
      resources:
        app:
          type: kubernetes.manifest
          properties:
            cluster: { kubeconfig: kubeconfig.yaml }
            objects:
              - { apiVersion: v1, kind: Namespace, metadata: { name: team-s } }
              - { apiVersion: v1, kind: ConfigMap, metadata: { name: settings, namespace: team-s },
                  data: { color: blue } }
              - { apiVersion: v1, kind: Secret, metadata: { name: db, namespace: team-s },
                  stringData: { password: "%s" } }
              - { apiVersion: v1, kind: Secret, metadata: { name: db2, namespace: team-s },
                  data: { password: "%s" } }
      """;

  @TempDir Path folder;

  private CliRun run(String... args) {
    return CliRun.run(folder, args);
  }

  private static void assertNoSecret(CliRun run) {
    assertFalse(run.toString().contains(PASSWORD), run.toString());
    assertFalse(run.toString().contains(ENCODED), run.toString());
  }

  @Test
  void secretDataMaskedEverywhere() throws Exception {
    try (ClusterApiServer server = ClusterApiServer.start("secrets", "1.30.0");
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.kubeconfig()))
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build()) {
      Files.writeString(folder.resolve("kubeconfig.yaml"), server.kubeconfig());
      CliRun.writeStack(folder, STACK.formatted(PASSWORD, ENCODED));

      CliRun plan = run("plan", "stack.yaml");
      CliRun apply = run("apply", "stack.yaml", "--auto-approve");
      CliRun stateShow = run("state", "show", "stack.yaml", "app");
      CliRun show = run("show", "stack.yaml");
      CliRun showJson = run("show", "stack.yaml", "--json");
      CliRun clean = run("plan", "stack.yaml", "--detailed-exitcode");

      assertEquals(0, plan.exitCode, plan.toString());
      assertEquals(0, apply.exitCode, apply.toString());
      assertEquals(0, clean.exitCode, clean.toString());
      for (CliRun run : List.of(plan, apply, stateShow, show, showJson, clean)) {
        assertNoSecret(run);
      }
      assertTrue(plan.out.contains("(sensitive value)"), plan.out);
      assertTrue(stateShow.out.contains("(sensitive value)"), stateShow.out);
      // The human form summarizes digest maps; the JSON form keeps the digests of objects other
      // than Secrets, so a change still names the object.
      assertTrue(stateShow.out.contains("objectDigests = (4 digests)"), stateShow.out);
      assertTrue(showJson.out.contains("\"ConfigMap/team-s/settings\""), showJson.out);
      Secret applied = client.secrets().inNamespace("team-s").withName("db").get();
      assertEquals(PASSWORD, applied.getStringData() != null
          && applied.getStringData().containsKey("password")
          ? applied.getStringData().get("password")
          : new String(java.util.Base64.getDecoder().decode(applied.getData().get("password"))));
      ResourceState state = new LocalBackend(folder.resolve(".provisioner/kube.state.json"))
          .read().orElseThrow().resource("app").orElseThrow();
      assertTrue(state.sensitivePaths().contains("objects"), state.sensitivePaths().toString());
      assertTrue(state.sensitivePaths().contains("objectDigests.Secret/team-s/db"),
          state.sensitivePaths().toString());
      assertTrue(state.sensitivePaths().contains("objectDigests.Secret/team-s/db2"),
          state.sensitivePaths().toString());
    }
  }

  @Test
  void changedSecretPlansMaskedUpdate() throws Exception {
    try (ClusterApiServer server = ClusterApiServer.start("secrets-change", "1.30.0")) {
      Files.writeString(folder.resolve("kubeconfig.yaml"), server.kubeconfig());
      CliRun.writeStack(folder, STACK.formatted("first-value", ENCODED));
      CliRun apply = run("apply", "stack.yaml", "--auto-approve");
      CliRun.writeStack(folder, STACK.formatted(PASSWORD, ENCODED));

      CliRun plan = run("plan", "stack.yaml", "--detailed-exitcode", "--out", "app.plan");

      assertEquals(0, apply.exitCode, apply.toString());
      assertEquals(2, plan.exitCode, plan.toString());
      assertNoSecret(plan);
      assertFalse(plan.out.contains("first-value"), plan.out);
      assertTrue(plan.out.contains("# app will be updated in place"), plan.out);
      String saved = Files.readString(folder.resolve("app.plan"));
      assertFalse(saved.contains(PASSWORD), saved);
      assertFalse(saved.contains(ENCODED), saved);
    }
  }
}
