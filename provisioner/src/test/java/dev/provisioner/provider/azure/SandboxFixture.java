package dev.provisioner.provider.azure;

import dev.provisioner.provider.RunSettings;
import dev.provisioner.sandbox.FaultRules;
import dev.provisioner.sandbox.RunningSandbox;
import dev.provisioner.sandbox.Sandbox;
import dev.provisioner.sandbox.SandboxOptions;
import dev.provisioner.sandbox.kube.KubeClusterHost;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A sandbox started for one test class, and the run settings that point the provider at it. */
final class SandboxFixture implements AutoCloseable {

  final RunningSandbox sandbox;
  final RunSettings settings;

  SandboxFixture(Path worldFolder) {
    this.sandbox = Sandbox.start(SandboxOptions.of(worldFolder, new KubeClusterHost(worldFolder))
        .withFaults(new FaultRules()));
    this.settings = new RunSettings("test", worldFolder, worldFolder,
        Stacks.yaml("{ cloud: sandbox, credential: default }"), Map.of(), Optional.empty(),
        Map.of(
            "arm", sandbox.armUrl(),
            "armCertificate", sandbox.certificatePem(),
            "armToken", sandbox.token(),
            "subscriptionId", sandbox.subscriptionId()));
  }

  /** Returns a context of a new run, with clients of its own. */
  TestContext newRun() {
    return new TestContext(settings);
  }

  String subscriptionId() {
    return sandbox.subscriptionId();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
