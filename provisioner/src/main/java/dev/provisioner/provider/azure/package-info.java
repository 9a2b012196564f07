/**
 * The {@code azure} provider: resource groups, Log Analytics workspaces, virtual networks, AKS
 * clusters and AKS node pools, managed through the Azure Resource Manager API with the Azure SDK
 * for Java management libraries.
 *
 * <p>{@link dev.provisioner.provider.azure.AzureClients} is the only class that knows which
 * cloud, endpoint and credential a run uses; every resource type asks it for a management client.
 * Errors from ARM become {@link dev.provisioner.provider.ProviderException}s carrying ARM's
 * {@code error.code}.
 */
package dev.provisioner.provider.azure;
