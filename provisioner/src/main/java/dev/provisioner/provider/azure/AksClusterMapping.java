package dev.provisioner.provider.azure;

import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.IstioServiceMesh;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAadProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAddonProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.ManagedClusterOidcIssuerProfile;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.NetworkPolicy;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import com.azure.resourcemanager.containerservice.models.ServiceMeshMode;
import com.azure.resourcemanager.containerservice.models.ServiceMeshProfile;
import com.azure.resourcemanager.containerservice.models.UserAssignedIdentity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts between {@code azure.aksCluster} attributes and the ARM managed cluster model. */
final class AksClusterMapping {

  /** ARM's add-on key of virtual nodes (the ACI connector). */
  static final String ACI_CONNECTOR = "aciConnectorLinux";
  /** ARM's add-on key of Container Insights. */
  static final String OMS_AGENT = "omsagent";

  private AksClusterMapping() {}

  /**
   * Builds the PUT body for {@code desired}. For an update, {@code existing} is the live cluster:
   * its other agent pools are sent back unchanged, add-ons the stack dropped are sent disabled,
   * and with the autoscaler on the default pool keeps its live count.
   */
  static ManagedClusterInner toRequest(ObjectNode desired, Optional<ManagedClusterInner> existing) {
    String name = Props.requiredText(desired, "name");
    ManagedClusterInner cluster = new ManagedClusterInner()
        .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.fromString(
            Props.text(desired, "identity").orElse("SystemAssigned"))))
        .withDnsPrefix(Props.text(desired, "dnsPrefix")
            .or(() -> existing.map(ManagedClusterInner::dnsPrefix))
            .orElseGet(() -> defaultDnsPrefix(name)))
        .withEnableRbac(Props.bool(desired, "rbac.enabled").orElse(true))
        .withOidcIssuerProfile(new ManagedClusterOidcIssuerProfile().withEnabled(true));
    cluster.withLocation(Props.requiredText(desired, "location"));
    cluster.withTags(Props.stringMap(desired, "tags"));
    Props.text(desired, "kubernetesVersion").ifPresent(cluster::withKubernetesVersion);

    List<String> adminGroups = Props.strings(desired, "rbac.aadAdminGroups");
    // AKS-managed Entra ID cannot be turned off once on, so dropping every group keeps it on.
    boolean managedBefore = existing.map(ManagedClusterInner::aadProfile)
        .map(profile -> Boolean.TRUE.equals(profile.managed()))
        .orElse(false);
    if (!adminGroups.isEmpty() || managedBefore) {
      cluster.withAadProfile(new ManagedClusterAadProfile()
          .withManaged(true)
          .withAdminGroupObjectIDs(adminGroups));
    }
    networkProfile(desired).ifPresent(cluster::withNetworkProfile);
    cluster.withAgentPoolProfiles(agentPools(desired, existing));
    cluster.withAddonProfiles(addons(desired, existing));
    serviceMesh(desired, existing).ifPresent(cluster::withServiceMeshProfile);
    return cluster;
  }

  /** Returns a DNS prefix from the cluster name, as ARM requires one: '_' is not allowed in it. */
  private static String defaultDnsPrefix(String name) {
    String prefix = name.replace('_', '-');
    return prefix.length() > 54 ? prefix.substring(0, 54).replaceAll("-+$", "") : prefix;
  }

  private static Optional<ContainerServiceNetworkProfile> networkProfile(ObjectNode desired) {
    if (Props.object(desired, "network").isEmpty()) {
      return Optional.empty();
    }
    ContainerServiceNetworkProfile profile = new ContainerServiceNetworkProfile();
    Props.text(desired, "network.plugin").map(NetworkPlugin::fromString)
        .ifPresent(profile::withNetworkPlugin);
    Props.text(desired, "network.policy").map(NetworkPolicy::fromString)
        .ifPresent(profile::withNetworkPolicy);
    Props.text(desired, "network.serviceCidr").ifPresent(profile::withServiceCidr);
    Props.text(desired, "network.dnsServiceIp").ifPresent(profile::withDnsServiceIp);
    return Optional.of(profile);
  }

  private static List<ManagedClusterAgentPoolProfile> agentPools(
      ObjectNode desired, Optional<ManagedClusterInner> existing) {
    AgentPoolSpec pool = defaultPool(desired);
    List<ManagedClusterAgentPoolProfile> live = existing
        .map(cluster -> Props.orEmpty(cluster.agentPoolProfiles()))
        .orElse(List.of());
    Optional<Integer> liveCount = live.stream()
        .filter(profile -> pool.name().equals(profile.name()))
        .findFirst()
        .map(ManagedClusterAgentPoolProfile::count);
    ManagedClusterAgentPoolProfile profile = pool.toProfile(liveCount);
    Props.text(desired, "kubernetesVersion").ifPresent(profile::withOrchestratorVersion);

    List<ManagedClusterAgentPoolProfile> pools = new ArrayList<>();
    pools.add(profile);
    // Other pools belong to azure.aksNodePool resources; sending them back unchanged keeps a
    // cluster update from touching them.
    for (ManagedClusterAgentPoolProfile other : live) {
      if (!pool.name().equals(other.name())) {
        pools.add(other);
      }
    }
    return pools;
  }

  /** Returns the stack's default pool. */
  static AgentPoolSpec defaultPool(ObjectNode desired) {
    ObjectNode pool = Props.object(desired, "defaultNodePool").orElseThrow(
        () -> new IllegalArgumentException("'defaultNodePool' is missing; the schema requires it"));
    return AgentPoolSpec.fromProperties(pool, "System", Props.text(desired, "network.subnet"));
  }

  private static Map<String, ManagedClusterAddonProfile> addons(
      ObjectNode desired, Optional<ManagedClusterInner> existing) {
    Map<String, ManagedClusterAddonProfile> addons = new HashMap<>();
    existing.map(cluster -> Props.orEmpty(cluster.addonProfiles()))
        .orElse(Map.of())
        .forEach((key, profile) -> addons.put(key, new ManagedClusterAddonProfile()
            .withEnabled(false)
            .withConfig(profile.config())));

    boolean virtualNodes = Props.object(desired, "virtualNodes").isPresent()
        && Props.bool(desired, "virtualNodes.enabled").orElse(true);
    if (virtualNodes) {
      addons.put(ACI_CONNECTOR, new ManagedClusterAddonProfile()
          .withEnabled(true)
          .withConfig(Map.of("SubnetName", Props.requiredText(desired, "virtualNodes.subnet"))));
    }
    Props.text(desired, "monitoring.workspace").ifPresent(workspace -> addons.put(OMS_AGENT,
        new ManagedClusterAddonProfile()
            .withEnabled(true)
            .withConfig(Map.of("logAnalyticsWorkspaceResourceID", workspace))));
    return addons;
  }

  private static Optional<ServiceMeshProfile> serviceMesh(
      ObjectNode desired, Optional<ManagedClusterInner> existing) {
    List<String> revisions = Props.strings(desired, "serviceMesh.istio.revisions");
    if (!revisions.isEmpty()) {
      return Optional.of(new ServiceMeshProfile()
          .withMode(ServiceMeshMode.ISTIO)
          .withIstio(new IstioServiceMesh().withRevisions(revisions)));
    }
    boolean wasOn = existing.map(ManagedClusterInner::serviceMeshProfile)
        .map(profile -> ServiceMeshMode.ISTIO.equals(profile.mode()))
        .orElse(false);
    return wasOn
        ? Optional.of(new ServiceMeshProfile().withMode(ServiceMeshMode.DISABLED))
        : Optional.empty();
  }

  /**
   * Builds the attributes of {@code cluster}. {@code reference} is the prior state or the
   * desired properties: it names the default pool, supplies the start size reported while the
   * autoscaler is on, and supplies the spelling of ids that ARM returns in another letter case.
   */
  static ObjectNode toAttributes(
      ManagedClusterInner cluster, String resourceGroup, ObjectNode reference) {
    ObjectNode attributes = AzureFields.JSON.objectNode();
    attributes.put("name", cluster.name());
    attributes.put("resourceGroup", resourceGroup);
    attributes.put("location", cluster.location());
    AzureFields.keepLocationSpelling(attributes, reference);
    if (cluster.kubernetesVersion() != null) {
      attributes.put("kubernetesVersion", cluster.kubernetesVersion());
    }
    attributes.put("dnsPrefix", cluster.dnsPrefix());

    ObjectNode rbac = attributes.putObject("rbac");
    rbac.put("enabled", cluster.enableRbac() == null || cluster.enableRbac());
    List<String> groups = cluster.aadProfile() == null
        ? List.of()
        : Props.orEmpty(cluster.aadProfile().adminGroupObjectIDs());
    rbac.set("aadAdminGroups", Props.stringList(groups));

    Optional<ManagedClusterAgentPoolProfile> pool = findDefaultPool(cluster, reference);
    writeNetwork(attributes, cluster, pool, reference);
    pool.ifPresent(profile -> AgentPoolSpec.fromProfile(profile).writeTo(
        attributes.putObject("defaultNodePool"),
        Props.integer(reference, "defaultNodePool.count"),
        false));
    writeAddons(attributes, cluster, reference);
    if (cluster.serviceMeshProfile() != null
        && ServiceMeshMode.ISTIO.equals(cluster.serviceMeshProfile().mode())
        && cluster.serviceMeshProfile().istio() != null) {
      attributes.putObject("serviceMesh").putObject("istio").set("revisions",
          Props.stringList(Props.orEmpty(cluster.serviceMeshProfile().istio().revisions())));
    }
    attributes.set("tags", AzureFields.tagsAttribute(cluster.tags()));
    if (cluster.identity() != null && cluster.identity().type() != null) {
      attributes.put("identity", cluster.identity().type().toString());
    }

    attributes.put("id", cluster.id());
    attributes.put("fqdn", cluster.fqdn());
    attributes.put("nodeResourceGroup", cluster.nodeResourceGroup());
    UserAssignedIdentity kubelet = Props.orEmpty(cluster.identityProfile()).get("kubeletidentity");
    if (kubelet != null) {
      ObjectNode identity = attributes.putObject("kubeletIdentity");
      identity.put("clientId", kubelet.clientId());
      identity.put("objectId", kubelet.objectId());
      identity.put("resourceId", kubelet.resourceId());
    }
    if (cluster.oidcIssuerProfile() != null) {
      attributes.put("oidcIssuerUrl", cluster.oidcIssuerProfile().issuerUrl());
    }
    return attributes;
  }

  private static Optional<ManagedClusterAgentPoolProfile> findDefaultPool(
      ManagedClusterInner cluster, ObjectNode reference) {
    List<ManagedClusterAgentPoolProfile> pools = Props.orEmpty(cluster.agentPoolProfiles());
    Optional<String> name = Props.text(reference, "defaultNodePool.name");
    return pools.stream()
        .filter(profile -> name.map(n -> n.equals(profile.name())).orElse(false))
        .findFirst()
        .or(() -> pools.stream()
            .filter(profile -> profile.mode() == null || "System".equals(profile.mode().toString()))
            .findFirst());
  }

  private static void writeNetwork(
      ObjectNode attributes,
      ManagedClusterInner cluster,
      Optional<ManagedClusterAgentPoolProfile> pool,
      ObjectNode reference) {
    ObjectNode network = attributes.putObject("network");
    ContainerServiceNetworkProfile profile = cluster.networkProfile();
    if (profile != null) {
      if (profile.networkPlugin() != null) {
        network.put("plugin", profile.networkPlugin().toString());
      }
      if (profile.networkPolicy() != null) {
        network.put("policy", profile.networkPolicy().toString());
      }
      if (profile.serviceCidr() != null) {
        network.put("serviceCidr", profile.serviceCidr());
      }
      if (profile.dnsServiceIp() != null) {
        network.put("dnsServiceIp", profile.dnsServiceIp());
      }
    }
    pool.map(ManagedClusterAgentPoolProfile::vnetSubnetId).ifPresent(subnet ->
        network.put("subnet", sameId(subnet, Props.text(reference, "network.subnet"))));
  }

  private static void writeAddons(
      ObjectNode attributes, ManagedClusterInner cluster, ObjectNode reference) {
    Map<String, ManagedClusterAddonProfile> addons = Props.orEmpty(cluster.addonProfiles());
    ManagedClusterAddonProfile aci = addons.get(ACI_CONNECTOR);
    boolean aciOn = aci != null && aci.enabled();
    // A stack that writes virtualNodes: {enabled: false} reads back the same, not a missing block.
    if (aciOn || Props.object(reference, "virtualNodes").isPresent()) {
      ObjectNode virtualNodes = attributes.putObject("virtualNodes");
      virtualNodes.put("enabled", aciOn);
      Optional<String> subnet = Optional.ofNullable(aci)
          .map(profile -> Props.orEmpty(profile.config()).get("SubnetName"));
      // With the add-on off the subnet means nothing to ARM, so the stack's value is kept.
      if (!aciOn && subnet.isEmpty()) {
        subnet = Props.text(reference, "virtualNodes.subnet");
      }
      subnet.ifPresent(name -> virtualNodes.put("subnet", name));
    }
    ManagedClusterAddonProfile oms = addons.get(OMS_AGENT);
    if (oms != null && oms.enabled()) {
      String workspace = Props.orEmpty(oms.config()).get("logAnalyticsWorkspaceResourceID");
      if (workspace != null) {
        attributes.putObject("monitoring").put("workspace",
            sameId(workspace, Props.text(reference, "monitoring.workspace")));
      }
    }
  }

  /**
   * Returns {@code known} when it names the same resource as {@code live}: ARM compares ids
   * without regard to case and AKS returns some ids in another case than they were sent in.
   */
  static String sameId(String live, Optional<String> known) {
    return known.filter(live::equalsIgnoreCase).orElse(live);
  }
}
