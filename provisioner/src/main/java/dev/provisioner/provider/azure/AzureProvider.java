package dev.provisioner.provider.azure;

import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceType;
import java.util.List;

/**
 * The {@code azure} provider: resource groups, Log Analytics workspaces, virtual networks, AKS
 * clusters and node pools. Clients are built on first use through {@link AzureClients} and
 * shared for the run, so loading and validating a stack contacts nothing.
 */
public final class AzureProvider implements Provider {

  private final List<ResourceType> types = List.of(
      new ResourceGroupType(),
      new LogAnalyticsWorkspaceType(),
      new VirtualNetworkType(),
      new AksClusterType(),
      new AksNodePoolType());

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return types;
  }
}
