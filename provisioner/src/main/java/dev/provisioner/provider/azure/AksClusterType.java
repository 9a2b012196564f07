package dev.provisioner.provider.azure;

import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Validation;
import dev.provisioner.provider.Values;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code azure.aksCluster}: an AKS managed cluster
 * ({@code Microsoft.ContainerService/managedClusters}) with its default node pool and add-ons.
 *
 * <p>Create and update send one PUT of the whole cluster and wait for the long-running operation
 * through the SDK's poller. The cluster user's kubeconfig is fetched with
 * {@code listClusterUserCredential} after every create, update and read, so Kubernetes resources
 * of the same stack need no kubeconfig of their own.
 */
final class AksClusterType implements ResourceType {

  private static final List<String> COMPUTED =
      List.of("id", "fqdn", "nodeResourceGroup", "kubeletIdentity", "oidcIssuerUrl", "kubeconfig");
  private static final List<String> FORCE_NEW = List.of(
      "location", "dnsPrefix", "rbac.enabled", "network.plugin", "network.policy",
      "network.subnet", "network.serviceCidr", "network.dnsServiceIp", "defaultNodePool.name",
      "defaultNodePool.vmSize", "defaultNodePool.maxPods", "defaultNodePool.zones",
      "defaultNodePool.osDiskSizeGB");

  @Override
  public ResourceSchema schema() {
    return AksClusterSchema.SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    AksClusterRules.validate(properties, validation);
  }

  /**
   * Checks the rules that need the live API: Kubernetes version and VM size offered in the
   * region, and the virtual nodes subnet in the nodes' network. Checks the rules that depend on
   * the prior state: upgrades go one minor version at a time and RBAC is never turned off.
   * Computed attributes are kept from the prior state for an update and unknown for a create or
   * a replace.
   */
  @Override
  public ObjectNode plan(OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    ObjectNode planned = desired.deepCopy();
    boolean replace = prior.map(p -> requiresReplace(desired, p)).orElse(true);
    prior.ifPresent(p -> checkTransition(desired, p));

    if (replace) {
      COMPUTED.forEach(field -> planned.set(field, Values.unknown()));
    } else {
      ObjectNode before = prior.get();
      COMPUTED.forEach(field -> Props.node(before, field)
          .ifPresent(value -> planned.set(field, value.deepCopy())));
      keepStartSize(planned, before);
    }

    Optional<String> location = Props.text(desired, "location");
    if (location.isPresent()) {
      checkOfferings(context, desired, prior.filter(p -> !replace), location.get());
    }
    checkVirtualNodesSubnet(context, desired, prior.filter(p -> !replace));
    return planned;
  }

  private static boolean requiresReplace(ObjectNode desired, ObjectNode prior) {
    for (String path : FORCE_NEW) {
      Optional<JsonNode> requested = Props.node(desired, path);
      if (requested.isPresent() && !Props.isUnknown(desired, path)
          && !requested.equals(Props.node(prior, path))) {
        return true;
      }
      if (Props.isUnknown(desired, path)) {
        return true;
      }
    }
    return false;
  }

  private static void checkTransition(ObjectNode desired, ObjectNode prior) {
    boolean wasEnabled = Props.bool(prior, "rbac.enabled").orElse(true);
    boolean enabled = Props.bool(desired, "rbac.enabled").orElse(true);
    if (wasEnabled && !enabled) {
      throw new ProviderException("OperationNotAllowed", "Kubernetes RBAC cannot be turned off"
          + " on an existing cluster, and this tool does not replace a cluster to lower its"
          + " security: keep rbac.enabled true, or destroy the cluster first.");
    }
    Optional<String> from = Props.text(prior, "kubernetesVersion");
    Optional<String> to = Props.text(desired, "kubernetesVersion");
    if (from.isEmpty() || to.isEmpty()) {
      return;
    }
    int[] before = minor(from.get());
    int[] after = minor(to.get());
    if (before == null || after == null) {
      return;
    }
    if (after[0] < before[0] || (after[0] == before[0] && after[1] < before[1])) {
      throw new ProviderException("OperationNotAllowed", "Kubernetes cannot be downgraded from "
          + from.get() + " to " + to.get() + "; keep kubernetesVersion at " + from.get()
          + " or later.");
    }
    if (after[0] != before[0] || after[1] > before[1] + 1) {
      throw new ProviderException("OperationNotAllowed", "AKS upgrades Kubernetes one minor"
          + " version at a time: from " + from.get() + " the next step is " + before[0] + "."
          + (before[1] + 1) + "; apply that first.");
    }
  }

  private static int[] minor(String version) {
    String[] parts = version.split("\\.");
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * With the autoscaler on before and after, the count is only the start size: a changed start
   * size is not a change to apply, so the planned count stays the recorded one.
   */
  private static void keepStartSize(ObjectNode planned, ObjectNode prior) {
    boolean autoscaled = Props.object(planned, "defaultNodePool.autoscaling").isPresent()
        && Props.object(prior, "defaultNodePool.autoscaling").isPresent();
    Optional<Integer> priorCount = Props.integer(prior, "defaultNodePool.count");
    Optional<ObjectNode> pool = Props.object(planned, "defaultNodePool");
    if (autoscaled && priorCount.isPresent() && pool.isPresent() && pool.get().has("count")) {
      pool.get().put("count", priorCount.get());
    }
  }

  private static void checkOfferings(
      OperationContext context, ObjectNode desired, Optional<ObjectNode> prior, String location) {
    Optional<String> version = Props.text(desired, "kubernetesVersion");
    Optional<String> priorVersion = prior.flatMap(p -> Props.text(p, "kubernetesVersion"));
    if (version.isPresent() && !version.equals(priorVersion)) {
      Optional<String> problem =
          RegionOfferings.of(context, location).checkKubernetesVersion(version.get());
      if (problem.isPresent()) {
        throw new ProviderException("KubernetesVersionNotSupported", problem.get());
      }
    }
    Optional<String> vmSize = Props.text(desired, "defaultNodePool.vmSize");
    Optional<String> priorVmSize = prior.flatMap(p -> Props.text(p, "defaultNodePool.vmSize"));
    if (vmSize.isPresent() && !vmSize.equals(priorVmSize)) {
      Optional<String> problem =
          RegionOfferings.of(context, location).checkVmSize(vmSize.get(), true);
      if (problem.isPresent()) {
        throw new ProviderException("VMSizeNotSupported", problem.get());
      }
    }
  }


  /**
   * Checks that the virtual nodes subnet exists in the nodes' virtual network, when the cluster
   * is new or its virtual nodes or node subnet change. A network that
   * does not exist yet is skipped: it is created in the same apply, and ARM checks again then.
   */
  private static void checkVirtualNodesSubnet(
      OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    boolean enabled = Props.object(desired, "virtualNodes").isPresent()
        && Props.bool(desired, "virtualNodes.enabled").orElse(true);
    boolean unchanged = prior.isPresent()
        && Props.node(desired, "virtualNodes").equals(Props.node(prior.get(), "virtualNodes"))
        && Props.node(desired, "network.subnet").equals(Props.node(prior.get(), "network.subnet"));
    if (unchanged) {
      return;
    }
    Optional<String> subnetId = Props.text(desired, "network.subnet");
    Optional<String> aciSubnet = Props.text(desired, "virtualNodes.subnet");
    if (!enabled || subnetId.isEmpty() || aciSubnet.isEmpty()) {
      return;
    }
    ArmId id = ArmId.parse(subnetId.get());
    String network = id.name("virtualNetworks");
    var live = ArmErrors.find("reading virtual network " + network,
        () -> AzureClients.of(context).network().serviceClient().getVirtualNetworks()
            .getByResourceGroup(id.resourceGroup(), network));
    if (live.isEmpty()) {
      return;
    }
    boolean found = Props.orEmpty(live.get().subnets()).stream()
        .map(SubnetInner::name)
        .anyMatch(aciSubnet.get()::equalsIgnoreCase);
    if (!found) {
      throw new ProviderException("SubnetNotFound", "virtualNodes.subnet '" + aciSubnet.get()
          + "' is not a subnet of virtual network " + network + "; add it to the network's"
          + " subnets.");
    }
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    String group = Props.requiredText(prior, "resourceGroup");
    String name = Props.requiredText(prior, "name");
    Optional<ManagedClusterInner> cluster = ArmErrors.find("reading managed cluster " + name,
        () -> clusters(context).getByResourceGroup(group, name));
    return cluster.map(live -> withKubeconfig(context, group,
        AksClusterMapping.toAttributes(live, group, prior)));
  }

  @Override
  public Optional<ObjectNode> find(OperationContext context, ObjectNode desired) {
    return read(context, desired);
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    String group = Props.requiredText(desired, "resourceGroup");
    String name = Props.requiredText(desired, "name");
    ManagedClusterInner request = AksClusterMapping.toRequest(desired, Optional.empty());
    context.progress("creating managed cluster " + name);
    ManagedClusterInner result = ArmErrors.call("creating managed cluster " + name,
        () -> clusters(context).createOrUpdate(group, name, request));
    return withKubeconfig(context, group, AksClusterMapping.toAttributes(result, group, desired));
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    String group = Props.requiredText(desired, "resourceGroup");
    String name = Props.requiredText(desired, "name");
    ManagedClusterInner existing = ArmErrors.call("reading managed cluster " + name,
        () -> clusters(context).getByResourceGroup(group, name));
    ManagedClusterInner request = AksClusterMapping.toRequest(desired, Optional.of(existing));
    context.progress("updating managed cluster " + name);
    ManagedClusterInner result = ArmErrors.call("updating managed cluster " + name,
        () -> clusters(context).createOrUpdate(group, name, request));
    return withKubeconfig(context, group, AksClusterMapping.toAttributes(result, group, desired));
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    String group = Props.requiredText(prior, "resourceGroup");
    String name = Props.requiredText(prior, "name");
    context.progress("deleting managed cluster " + name);
    ArmErrors.deleteIfExists(
        "deleting managed cluster " + name, () -> clusters(context).delete(group, name));
  }

  @Override
  public ObjectNode importResource(OperationContext context, String id) {
    ArmId armId = ArmId.parse(id);
    String name = armId.name("managedClusters");
    ObjectNode reference = AzureFields.JSON.objectNode();
    ManagedClusterInner cluster = ArmErrors.call("importing managed cluster " + name,
        () -> clusters(context).getByResourceGroup(armId.resourceGroup(), name));
    return withKubeconfig(context, armId.resourceGroup(),
        AksClusterMapping.toAttributes(cluster, armId.resourceGroup(), reference));
  }

  private static ObjectNode withKubeconfig(
      OperationContext context, String group, ObjectNode attributes) {
    String name = attributes.path("name").asText();
    CredentialResultsInner credentials = ArmErrors.call(
        "fetching the user credentials of managed cluster " + name,
        () -> clusters(context).listClusterUserCredentials(group, name));
    byte[] kubeconfig = Props.orEmpty(credentials.kubeconfigs()).stream()
        .map(result -> result.value())
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new ProviderException("CredentialsNotFound",
            "listClusterUserCredential of managed cluster " + name + " returned no kubeconfig"));
    attributes.put("kubeconfig", new String(kubeconfig, StandardCharsets.UTF_8));
    return attributes;
  }

  private static ManagedClustersClient clusters(OperationContext context) {
    return AzureClients.of(context).containerService().serviceClient().getManagedClusters();
  }
}
