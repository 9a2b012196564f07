package dev.provisioner.provider.azure;

import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.RunSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fetches the cluster user's kubeconfig of every AKS cluster in the run's subscription, as
 * {@code az aks get-credentials} does for one cluster; the CLI uses it to hand kubeconfigs to
 * kubectl users.
 */
public final class AksCredentials {

  private AksCredentials() {}

  /**
   * Returns each cluster's kubeconfig YAML by {@code <resourceGroup>/<name>}, in name order.
   * The values are secret.
   *
   * @throws ProviderException when ARM cannot be reached or refuses a request
   */
  public static Map<String, String> userKubeconfigs(RunSettings settings) {
    ManagedClustersClient clusters =
        AzureClients.create(settings).containerService().serviceClient().getManagedClusters();
    Map<String, String> kubeconfigs = new TreeMap<>();
    for (ManagedClusterInner cluster : ArmErrors.call("listing managed clusters", clusters::list)) {
      String group = ArmId.parse(cluster.id()).resourceGroup();
      String name = cluster.name();
      var credentials = ArmErrors.call("fetching the user credentials of managed cluster " + name,
          () -> clusters.listClusterUserCredentials(group, name));
      Props.orEmpty(credentials.kubeconfigs()).stream()
          .map(result -> result.value())
          .filter(Objects::nonNull)
          .findFirst()
          .ifPresent(value -> kubeconfigs.put(group + "/" + name,
              new String(value, StandardCharsets.UTF_8)));
    }
    return kubeconfigs;
  }
}
