package dev.provisioner.provider.azure;

import dev.provisioner.provider.RunSettings;

/** Creates small clusters through the provider, for tests outside this package. */
public final class SandboxClusters {

  private SandboxClusters() {}

  /** Creates resource group {@code group} and a one-node cluster {@code name} in it. */
  public static void create(RunSettings settings, String group, String name) throws Exception {
    try (TestContext context = new TestContext(settings)) {
      new ResourceGroupType().create(context, Stacks.yaml(
          "{ name: " + group + ", location: eastasia }"));
      new AksClusterType().create(context, Stacks.yaml("""
          name: %s
          resourceGroup: %s
          location: eastasia
          defaultNodePool: { name: system, vmSize: Standard_DS2_v2, count: 1 }
          """.formatted(name, group)));
    }
  }
}
