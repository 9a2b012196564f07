package dev.provisioner.provider.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Validation;
import java.util.List;
import java.util.Optional;

/** The static checks of {@code azure.aksCluster}, made before anything is contacted. */
final class AksClusterRules {

  private AksClusterRules() {}

  static void validate(ObjectNode properties, Validation validation) {
    ArmRules.matches(properties, "name", ArmRules.CLUSTER_NAME,
        "cluster names are 1 to 63 letters, digits, '-' and '_', starting and ending with a"
            + " letter or digit",
        validation);
    ArmRules.matches(properties, "dnsPrefix", ArmRules.DNS_PREFIX,
        "DNS prefixes are 1 to 54 letters, digits and '-', starting and ending with a letter or"
            + " digit",
        validation);
    ArmRules.matches(properties, "kubernetesVersion", ArmRules.KUBERNETES_VERSION,
        "write the version as MAJOR.MINOR or MAJOR.MINOR.PATCH, for example 1.33", validation);
    ArmRules.agentPool(properties, "defaultNodePool.", true, validation);
    rbac(properties, validation);
    network(properties, validation);
    virtualNodes(properties, validation);
    ArmRules.matches(properties, "monitoring.workspace", ArmRules.WORKSPACE_ID,
        "monitoring.workspace takes the ARM id of a Log Analytics workspace, for example"
            + " ${logs.id}",
        validation);
    serviceMesh(properties, validation);
    ArmRules.tags(properties, validation);
  }

  private static void rbac(ObjectNode properties, Validation validation) {
    boolean enabled = Props.bool(properties, "rbac.enabled").orElse(true);
    List<String> groups = Props.strings(properties, "rbac.aadAdminGroups");
    for (String group : groups) {
      if (!ArmRules.GUID.matcher(group).matches()) {
        validation.error("rbac.aadAdminGroups", "'" + group + "' is not an Entra ID group object"
            + " id (a GUID such as 00000000-0000-0000-0000-000000000000).");
      }
    }
    if (!enabled && !groups.isEmpty()) {
      validation.error("rbac.aadAdminGroups", "Entra ID integration needs Kubernetes RBAC: set"
          + " rbac.enabled to true or remove aadAdminGroups.");
    }
  }

  private static void network(ObjectNode properties, Validation validation) {
    ArmRules.matches(properties, "network.subnet", ArmRules.SUBNET_ID,
        "network.subnet takes the ARM id of a subnet, for example ${net.subnets.nodes.id}",
        validation);
    Optional<String> serviceCidr = Props.text(properties, "network.serviceCidr");
    Optional<String> dnsServiceIp = Props.text(properties, "network.dnsServiceIp");
    serviceCidr.filter(cidr -> !ArmRules.isCidr(cidr)).ifPresent(cidr -> validation.error(
        "network.serviceCidr", "'" + cidr + "' is not an IPv4 CIDR such as 10.0.0.0/16."));
    dnsServiceIp.filter(ip -> !ArmRules.isIpv4(ip)).ifPresent(ip -> validation.error(
        "network.dnsServiceIp", "'" + ip + "' is not an IPv4 address such as 10.0.0.10."));
    if (serviceCidr.isPresent() != dnsServiceIp.isPresent()
        && !Props.isUnknown(properties, "network.serviceCidr")
        && !Props.isUnknown(properties, "network.dnsServiceIp")) {
      validation.error("network", "set network.serviceCidr and network.dnsServiceIp together,"
          + " or neither.");
    }
    if (serviceCidr.isPresent() && dnsServiceIp.isPresent() && ArmRules.isCidr(serviceCidr.get())
        && ArmRules.isIpv4(dnsServiceIp.get())
        && !ArmRules.contains(serviceCidr.get(), dnsServiceIp.get())) {
      validation.error("network.dnsServiceIp", dnsServiceIp.get() + " is outside serviceCidr "
          + serviceCidr.get() + ": pick an address inside it.");
    }
  }

  private static void virtualNodes(ObjectNode properties, Validation validation) {
    if (Props.object(properties, "virtualNodes").isEmpty()
        || !Props.bool(properties, "virtualNodes.enabled").orElse(true)) {
      return;
    }
    if (!Props.isUnknown(properties, "network.plugin")
        && !Props.text(properties, "network.plugin").map("azure"::equals).orElse(false)) {
      validation.error("virtualNodes", "virtual nodes need Azure CNI: set network.plugin to"
          + " azure.");
    }
    boolean subnetUnknown = Props.isUnknown(properties, "network.subnet");
    Optional<String> nodeSubnet = Props.text(properties, "network.subnet");
    if (nodeSubnet.isEmpty() && !subnetUnknown) {
      validation.error("virtualNodes", "virtual nodes need the cluster in a virtual network: set"
          + " network.subnet to the nodes' subnet id.");
    }
    Optional<String> aciSubnet = Props.text(properties, "virtualNodes.subnet");
    if (aciSubnet.isEmpty() && !Props.isUnknown(properties, "virtualNodes.subnet")) {
      validation.error("virtualNodes.subnet", "virtual nodes need a subnet of their own: set"
          + " virtualNodes.subnet to the name of a subnet in the nodes' virtual network.");
      return;
    }
    if (aciSubnet.isPresent() && !ArmRules.SUBNET_NAME.matcher(aciSubnet.get()).matches()) {
      validation.error("virtualNodes.subnet", "'" + aciSubnet.get() + "' is not a subnet name;"
          + " give the name (for example aci), not an id.");
      return;
    }
    Optional<String> nodeSubnetName = nodeSubnet.flatMap(ArmRules::subnetName);
    if (aciSubnet.isPresent() && nodeSubnetName.isPresent()
        && nodeSubnetName.get().equalsIgnoreCase(aciSubnet.get())) {
      validation.error("virtualNodes.subnet", "virtual nodes need a dedicated subnet, but '"
          + aciSubnet.get() + "' is the nodes' subnet (network.subnet); add another subnet to"
          + " the virtual network.");
    }
  }

  private static void serviceMesh(ObjectNode properties, Validation validation) {
    if (Props.object(properties, "serviceMesh.istio").isEmpty()) {
      return;
    }
    List<String> revisions = Props.strings(properties, "serviceMesh.istio.revisions");
    if (revisions.isEmpty() || revisions.size() > 2) {
      validation.error("serviceMesh.istio.revisions", "give one revision, or two during a"
          + " canary upgrade; found " + revisions.size() + ".");
    }
    for (String revision : revisions) {
      if (!ArmRules.ISTIO_REVISION.matcher(revision).matches()) {
        validation.error("serviceMesh.istio.revisions", "'" + revision + "' is not an Istio"
            + " add-on revision such as asm-1-23.");
      }
    }
  }
}
