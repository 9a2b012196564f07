package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks AKS makes on a managed cluster before it changes anything: names and patterns,
 * Kubernetes versions and upgrade steps, network plugin and policy, add-ons that need other
 * settings, and fields that cannot change after creation.
 */
final class ClusterRules {

  static final Pattern NAME =
      Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$");
  private static final Pattern DNS_PREFIX =
      Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}[a-zA-Z0-9]$");
  private static final Set<String> PLUGINS = Set.of("azure", "kubenet", "none");
  private static final Set<String> POLICIES = Set.of("azure", "calico", "cilium", "none");
  static final List<String> ISTIO_REVISIONS = List.of("asm-1-25", "asm-1-26", "asm-1-27");

  private ClusterRules() {}

  /** Checks the cluster-level fields of a requested body ({@code properties}). */
  static void validate(
      String name,
      ObjectNode properties,
      JsonNode identity,
      Optional<ObjectNode> existing,
      VirtualNetworks networks,
      ResourceStore store) {
    if (!NAME.matcher(name).matches()) {
      throw ArmException.invalidParameter(
          "name",
          "The managed cluster name '" + name + "' is invalid: use 1-63 letters, digits,"
              + " hyphens and underscores, starting and ending with a letter or digit.");
    }
    String dnsPrefix = properties.path("dnsPrefix").asText("");
    if (dnsPrefix.isEmpty() && !properties.hasNonNull("fqdnSubdomain")) {
      throw ArmException.invalidParameter(
          "properties.dnsPrefix", "Either dnsPrefix or fqdnSubdomain must be specified.");
    }
    if (!dnsPrefix.isEmpty() && !DNS_PREFIX.matcher(dnsPrefix).matches()) {
      throw ArmException.invalidParameter(
          "properties.dnsPrefix",
          "DNS prefix '" + dnsPrefix + "' is invalid: use 1-54 letters, digits and hyphens,"
              + " starting and ending with a letter or digit.");
    }
    if (identity.isMissingNode() && !properties.has("servicePrincipalProfile")) {
      throw ArmException.invalidParameter(
          "identity",
          "The managed cluster needs an identity (for example {\"type\": \"SystemAssigned\"})"
              + " or a servicePrincipalProfile.");
    }
    String identityType = identity.path("type").asText("SystemAssigned");
    if (!Set.of("SystemAssigned", "UserAssigned", "None").contains(identityType)) {
      throw ArmException.invalidParameter(
          "identity.type",
          "Identity type '" + identityType + "' is invalid; use SystemAssigned, UserAssigned"
              + " or None.");
    }
    validateNetwork(properties.path("networkProfile"));
    validatePools(properties, existing, networks);
    validateAddons(properties, networks, store);
    validateServiceMesh(properties.path("serviceMeshProfile"));
  }

  private static void validateNetwork(JsonNode network) {
    String plugin = network.path("networkPlugin").asText("kubenet");
    if (!PLUGINS.contains(plugin.toLowerCase(Locale.ROOT))) {
      throw ArmException.invalidParameter(
          "properties.networkProfile.networkPlugin",
          "Network plugin '" + plugin + "' is invalid; use azure, kubenet or none.");
    }
    String policy = network.path("networkPolicy").asText("none");
    if (!POLICIES.contains(policy.toLowerCase(Locale.ROOT))) {
      throw ArmException.invalidParameter(
          "properties.networkProfile.networkPolicy",
          "Network policy '" + policy + "' is invalid; use azure, calico, cilium or none.");
    }
    if (policy.equalsIgnoreCase("azure") && !plugin.equalsIgnoreCase("azure")) {
      throw ArmException.invalidParameter(
          "properties.networkProfile.networkPolicy",
          "Network policy 'azure' requires network plugin 'azure'.");
    }
  }

  private static void validatePools(
      ObjectNode properties, Optional<ObjectNode> existing, VirtualNetworks networks) {
    JsonNode pools = properties.path("agentPoolProfiles");
    if (existing.isEmpty() && (!pools.isArray() || pools.isEmpty())) {
      throw ArmException.invalidParameter(
          "properties.agentPoolProfiles",
          "A managed cluster needs at least one agent pool in agentPoolProfiles.");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < pools.size(); i++) {
      String path = "properties.agentPoolProfiles[" + i + "]";
      JsonNode pool = pools.get(i);
      if (!pool.isObject()) {
        throw ArmException.invalidParameter(path, "Each agent pool profile must be an object.");
      }
      if (!names.add(AgentPoolRules.nameOf(pool))) {
        throw ArmException.invalidParameter(
            path + ".name",
            "The agent pool name '" + pool.path("name").asText() + "' is used more than once.");
      }
      String subnet = pool.path("vnetSubnetID").asText("");
      if (!subnet.isEmpty() && networks.findSubnet(subnet).isEmpty()) {
        throw ArmException.invalidParameter(
            path + ".vnetSubnetID",
            "The subnet " + subnet + " of agent pool '" + pool.path("name").asText()
                + "' was not found. Create the virtual network and subnet first.");
      }
    }
  }

  private static void validateAddons(
      ObjectNode properties, VirtualNetworks networks, ResourceStore store) {
    JsonNode oms = ClusterNodes.addon(properties, "omsagent");
    if (oms.path("enabled").asBoolean(false)) {
      String workspace = oms.path("config").path("logAnalyticsWorkspaceResourceID").asText("");
      if (workspace.isEmpty() || store.get(workspace).isEmpty()) {
        throw ArmException.invalidParameter(
            "properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID",
            "The Log Analytics workspace '" + workspace + "' of the monitoring add-on was not"
                + " found. Create the workspace first and pass its resource id.");
      }
    }
    JsonNode aci = ClusterNodes.addon(properties, "aciConnectorLinux");
    if (!aci.path("enabled").asBoolean(false)) {
      return;
    }
    String plugin = properties.path("networkProfile").path("networkPlugin").asText("kubenet");
    if (!plugin.equalsIgnoreCase("azure")) {
      throw ArmException.invalidParameter(
          "properties.addonProfiles.aciConnectorLinux",
          "Virtual nodes (the aciConnectorLinux add-on) require network plugin 'azure'; the"
              + " cluster uses '" + plugin + "'.");
    }
    String subnetName = aci.path("config").path("SubnetName").asText("");
    Optional<String> nodeSubnet = firstNodeSubnet(properties);
    if (subnetName.isEmpty() || nodeSubnet.isEmpty()) {
      throw ArmException.invalidParameter(
          "properties.addonProfiles.aciConnectorLinux.config.SubnetName",
          "Virtual nodes need config.SubnetName naming a dedicated subnet in the virtual"
              + " network of the agent pools, and agent pools with vnetSubnetID.");
    }
    String nodeSubnetId = nodeSubnet.get();
    String networkId = nodeSubnetId.substring(0, nodeSubnetId.toLowerCase(Locale.ROOT)
        .indexOf("/subnets/"));
    String aciSubnetId = networkId + "/subnets/" + subnetName;
    if (networks.findSubnet(aciSubnetId).isEmpty()) {
      throw ArmException.invalidParameter(
          "properties.addonProfiles.aciConnectorLinux.config.SubnetName",
          "The virtual node subnet '" + subnetName + "' was not found in virtual network "
              + networkId + ".");
    }
    for (JsonNode pool : properties.path("agentPoolProfiles")) {
      if (pool.path("vnetSubnetID").asText("").equalsIgnoreCase(aciSubnetId)) {
        throw ArmException.invalidParameter(
            "properties.addonProfiles.aciConnectorLinux.config.SubnetName",
            "The virtual node subnet '" + subnetName + "' is used by agent pool '"
                + pool.path("name").asText() + "'; virtual nodes need a dedicated subnet.");
      }
    }
  }

  private static void validateServiceMesh(JsonNode mesh) {
    if (mesh.isMissingNode() || mesh.isNull()) {
      return;
    }
    String mode = mesh.path("mode").asText("Disabled");
    if (!mode.equals("Istio") && !mode.equals("Disabled")) {
      throw ArmException.invalidParameter(
          "properties.serviceMeshProfile.mode",
          "Service mesh mode '" + mode + "' is invalid; use Istio or Disabled.");
    }
    JsonNode revisions = mesh.path("istio").path("revisions");
    if (revisions.size() > 2) {
      throw ArmException.invalidParameter(
          "properties.serviceMeshProfile.istio.revisions",
          "At most two Istio revisions can be installed at once (during a canary upgrade).");
    }
    for (JsonNode revision : revisions) {
      if (!ISTIO_REVISIONS.contains(revision.asText())) {
        throw ArmException.invalidParameter(
            "properties.serviceMeshProfile.istio.revisions",
            "Istio revision '" + revision.asText() + "' is not supported; supported revisions"
                + " are " + String.join(", ", ISTIO_REVISIONS) + ".");
      }
    }
  }

  /**
   * Rejects changes AKS cannot make in place: DNS prefix, network plugin, turning Kubernetes
   * RBAC off or on, node resource group ({@code PropertyChangeNotAllowed}).
   */
  static void requireImmutable(ObjectNode existing, ObjectNode requested) {
    String oldPrefix = existing.path("dnsPrefix").asText("");
    String newPrefix = requested.path("dnsPrefix").asText("");
    if (!newPrefix.isEmpty() && !newPrefix.equalsIgnoreCase(oldPrefix)) {
      throw ArmException.propertyChangeNotAllowed("dnsPrefix");
    }
    if (requested.hasNonNull("enableRBAC")
        && requested.get("enableRBAC").asBoolean() != existing.path("enableRBAC").asBoolean()) {
      throw ArmException.propertyChangeNotAllowed("enableRBAC");
    }
    JsonNode network = requested.path("networkProfile");
    if (network.hasNonNull("networkPlugin")
        && !network.get("networkPlugin").asText()
            .equalsIgnoreCase(existing.path("networkProfile").path("networkPlugin").asText())) {
      throw ArmException.propertyChangeNotAllowed("networkProfile.networkPlugin");
    }
    if (requested.hasNonNull("nodeResourceGroup")
        && !requested.get("nodeResourceGroup").asText()
            .equalsIgnoreCase(existing.path("nodeResourceGroup").asText())) {
      throw ArmException.propertyChangeNotAllowed("nodeResourceGroup");
    }
  }

  /**
   * Resolves the requested Kubernetes version and checks the upgrade path from the running
   * one: no downgrade, and at most one minor version at a time.
   */
  static String resolveVersion(String requested, Optional<String> current) {
    String resolved =
        KubernetesVersions.resolve(requested)
            .orElseThrow(
                () ->
                    new ArmException(
                        400,
                        "VersionNotSupported",
                        "Version " + requested + " is not supported in this region. Supported"
                            + " minor versions are " + KubernetesVersions.offered()
                            + "; run the kubernetesVersions API to list them."));
    if (current.isEmpty()) {
      return resolved;
    }
    int from = KubernetesVersions.minorNumber(current.get());
    int to = KubernetesVersions.minorNumber(resolved);
    if (to < from || (to == from && compareVersions(resolved, current.get()) < 0)) {
      throw new ArmException(
          400,
          "NotAllowedDowngrade",
          "Downgrading Kubernetes from " + current.get() + " to " + resolved
              + " is not allowed.");
    }
    if (to > from + 1) {
      throw new ArmException(
          400,
          "UpgradeNotAllowed",
          "Upgrading Kubernetes from " + current.get() + " to " + resolved + " is not"
              + " allowed: upgrade one minor version at a time (next: 1." + (from + 1) + ").");
    }
    return resolved;
  }

  private static int compareVersions(String left, String right) {
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int difference = Integer.parseInt(a[i]) - Integer.parseInt(b[i]);
      if (difference != 0) {
        return difference;
      }
    }
    return a.length - b.length;
  }

  private static Optional<String> firstNodeSubnet(JsonNode properties) {
    for (JsonNode pool : properties.path("agentPoolProfiles")) {
      String subnet = pool.path("vnetSubnetID").asText("");
      if (!subnet.isEmpty()) {
        return Optional.of(subnet);
      }
    }
    return Optional.empty();
  }
}
