package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.provider.kubernetes.Digests;
import dev.provisioner.provider.kubernetes.Fixtures;
import dev.provisioner.provider.kubernetes.ReleaseCatalogue;
import dev.provisioner.provider.kubernetes.ReleaseFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorCommandTest {

  private static final String STACK =
      """
      stack: mirrored
      resources:
        istio:
          type: istio.install
          properties: { cluster: { kubeconfig: kubeconfig.yaml }, version: 1.22.2 }
        knative:
          type: knative.serving
          properties: { cluster: { kubeconfig: kubeconfig.yaml }, version: 1.15.2, hpa: true }
          dependsOn: [istio]
      """;

  @TempDir Path directory;

  @Test
  void mirrorWritesEveryPinnedManifest() throws Exception {
    Files.writeString(directory.resolve("stack.yaml"), STACK);

    CommandRun run =
        CommandRun.of(
            "mirror",
            "--chdir",
            directory.toString(),
            "--manifest-mirror",
            Fixtures.mirror().toString(),
            "out",
            "stack.yaml");

    assertEquals(0, run.exitCode(), run.stderr());
    List<ReleaseFile> expected = new ArrayList<>();
    expected.add(ReleaseCatalogue.requireIstio("1.22.2"));
    expected.addAll(ReleaseCatalogue.requireKnativeServing("1.15.2").files());
    for (ReleaseFile file : expected) {
      Path written = directory.resolve("out").resolve(file.mirrorPath());
      assertEquals(file.sha256(), Digests.sha256(Files.readAllBytes(written)), file.mirrorPath());
    }
    assertTrue(run.stdout().contains("Wrote 6 manifests"), run.stdout());
  }

  @Test
  void mirrorOfUnknownVersionFailsNamingResource() throws Exception {
    Files.writeString(directory.resolve("stack.yaml"), STACK.replace("1.22.2", "1.99.0"));

    CommandRun run =
        CommandRun.of(
            "mirror",
            "--chdir",
            directory.toString(),
            "--manifest-mirror",
            Fixtures.mirror().toString(),
            "out",
            "stack.yaml");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("istio"), run.stderr());
    assertTrue(run.stderr().contains("1.99.0"), run.stderr());
  }
}
