package dev.provisioner.provider.azure;

import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.ResourceSchema;
import java.util.List;

/**
 * The schema of {@code azure.aksCluster}, mapped onto the ARM managed cluster
 * ({@code Microsoft.ContainerService/managedClusters}).
 *
 * <p>Force-new fields are those ARM rejects changing on an existing cluster: location,
 * {@code dnsPrefix}, the network plugin, policy and CIDRs, the node subnet, and the default
 * pool's name, VM size, OS disk size, max pods and zones. {@code rbac.enabled} is force-new too,
 * and turning it off is rejected at plan time instead of planned as a replace, because replacing
 * a cluster to lower its security would destroy every workload as a side effect.
 */
final class AksClusterSchema {

  static final String TYPE = "azure.aksCluster";

  static final ResourceSchema SCHEMA = new ResourceSchema(
      TYPE,
      "An AKS managed cluster with its default (System) node pool and add-ons.",
      List.of(
          AzureFields.name("Cluster name: 1 to 63 letters, digits, '-' and '_', starting and"
              + " ending with a letter or digit."),
          AzureFields.resourceGroup(),
          AzureFields.location(),
          FieldSchema.builder("kubernetesVersion", FieldType.STRING)
              .doc("Kubernetes version, MAJOR.MINOR or MAJOR.MINOR.PATCH, offered in the region;"
                  + " upgraded in place one minor version at a time, never downgraded.")
              .apiField("properties.kubernetesVersion")
              .build(),
          FieldSchema.builder("dnsPrefix", FieldType.STRING)
              .forceNew()
              .doc("DNS prefix of the API server FQDN: 1 to 54 letters, digits and '-', starting"
                  + " and ending with a letter or digit. Defaults to the cluster name with '_' made"
                  + " '-'.")
              .apiField("properties.dnsPrefix")
              .build(),
          rbac(),
          network(),
          defaultNodePool(),
          virtualNodes(),
          monitoring(),
          serviceMesh(),
          AzureFields.tags(),
          FieldSchema.builder("identity", FieldType.STRING)
              .defaultValue(AzureFields.JSON.textNode("SystemAssigned"))
              .allowedValues("SystemAssigned")
              .doc("Identity of the cluster's control plane.")
              .apiField("identity.type")
              .build(),
          AzureFields.id(),
          FieldSchema.builder("fqdn", FieldType.STRING)
              .computed()
              .doc("FQDN of the API server.")
              .apiField("properties.fqdn")
              .build(),
          FieldSchema.builder("nodeResourceGroup", FieldType.STRING)
              .computed()
              .doc("Resource group AKS creates for the nodes' infrastructure.")
              .apiField("properties.nodeResourceGroup")
              .build(),
          FieldSchema.builder("kubeletIdentity", FieldType.OBJECT)
              .computed()
              .doc("Managed identity of the kubelets, for role assignments such as AcrPull.")
              .apiField("properties.identityProfile.kubeletidentity")
              .fields(
                  computedString("clientId", "properties.identityProfile.kubeletidentity.clientId"),
                  computedString("objectId", "properties.identityProfile.kubeletidentity.objectId"),
                  computedString(
                      "resourceId", "properties.identityProfile.kubeletidentity.resourceId"))
              .build(),
          FieldSchema.builder("oidcIssuerUrl", FieldType.STRING)
              .computed()
              .doc("OIDC issuer URL for workload identity federation.")
              .apiField("properties.oidcIssuerProfile.issuerURL")
              .build(),
          FieldSchema.builder("kubeconfig", FieldType.STRING)
              .computed()
              .sensitive()
              .doc("Kubeconfig YAML of the cluster user, fetched on every create, update and"
                  + " read.")
              .apiField("listClusterUserCredential: kubeconfigs[0].value (base64-decoded)")
              .build()));

  private AksClusterSchema() {}

  private static FieldSchema computedString(String name, String apiField) {
    return FieldSchema.builder(name, FieldType.STRING)
        .computed()
        .doc(name + " of the identity.")
        .apiField(apiField)
        .build();
  }

  private static FieldSchema rbac() {
    return FieldSchema.builder("rbac", FieldType.OBJECT)
        .doc("Kubernetes RBAC and Entra ID integration.")
        .fields(
            FieldSchema.builder("enabled", FieldType.BOOL)
                .forceNew()
                .defaultValue(AzureFields.JSON.booleanNode(true))
                .doc("Kubernetes RBAC; ARM cannot change it on an existing cluster, and turning"
                    + " it off is rejected at plan time.")
                .apiField("properties.enableRBAC")
                .build(),
            FieldSchema.builder("aadAdminGroups", FieldType.LIST)
                .element(FieldSchema.builder("group", FieldType.STRING)
                    .doc("Entra ID group object id.")
                    .build())
                .doc("Entra ID group object ids that get cluster-admin (AKS-managed Entra ID);"
                    + " updated in place.")
                .apiField("properties.aadProfile.adminGroupObjectIDs")
                .build())
        .apiField("properties.enableRBAC, properties.aadProfile")
        .build();
  }

  private static FieldSchema network() {
    return FieldSchema.builder("network", FieldType.OBJECT)
        .doc("Cluster networking; every field is fixed at creation.")
        .apiField("properties.networkProfile")
        .fields(
            FieldSchema.builder("plugin", FieldType.STRING)
                .forceNew()
                .allowedValues("azure", "kubenet", "none")
                .doc("Network plugin; azure is Azure CNI, which virtual nodes need.")
                .apiField("properties.networkProfile.networkPlugin")
                .build(),
            FieldSchema.builder("policy", FieldType.STRING)
                .forceNew()
                .allowedValues("azure", "calico", "cilium", "none")
                .doc("Network policy engine.")
                .apiField("properties.networkProfile.networkPolicy")
                .build(),
            FieldSchema.builder("subnet", FieldType.STRING)
                .forceNew()
                .doc("Resource id of the subnet for the default pool's nodes (Azure CNI), for"
                    + " example ${net.subnets.nodes.id}.")
                .apiField("properties.agentPoolProfiles[0].vnetSubnetID")
                .build(),
            FieldSchema.builder("serviceCidr", FieldType.STRING)
                .forceNew()
                .doc("CIDR of Kubernetes service IPs; must not overlap the virtual network.")
                .apiField("properties.networkProfile.serviceCidr")
                .build(),
            FieldSchema.builder("dnsServiceIp", FieldType.STRING)
                .forceNew()
                .doc("IP of the cluster DNS service, inside serviceCidr.")
                .apiField("properties.networkProfile.dnsServiceIP")
                .build())
        .build();
  }

  private static FieldSchema defaultNodePool() {
    return FieldSchema.builder("defaultNodePool", FieldType.OBJECT)
        .required()
        .doc("The System node pool created with the cluster.")
        .apiField("properties.agentPoolProfiles[0] (mode System)")
        .fields(
            NodePoolFields.name(),
            NodePoolFields.vmSize(),
            NodePoolFields.count(),
            NodePoolFields.autoscaling(),
            NodePoolFields.maxPods(),
            NodePoolFields.zones(),
            NodePoolFields.osDiskSizeGB())
        .build();
  }

  private static FieldSchema virtualNodes() {
    return FieldSchema.builder("virtualNodes", FieldType.OBJECT)
        .doc("Virtual nodes (the ACI connector add-on); needs Azure CNI and a subnet of its own"
            + " in the nodes' virtual network. Updated in place.")
        .apiField("properties.addonProfiles.aciConnectorLinux")
        .fields(
            FieldSchema.builder("enabled", FieldType.BOOL)
                .doc("Whether the add-on is on; true when absent.")
                .apiField("properties.addonProfiles.aciConnectorLinux.enabled")
                .build(),
            FieldSchema.builder("subnet", FieldType.STRING)
                .doc("Name of the subnet for virtual nodes, in the same virtual network as"
                    + " network.subnet and used by nothing else.")
                .apiField("properties.addonProfiles.aciConnectorLinux.config.SubnetName")
                .build())
        .build();
  }

  private static FieldSchema monitoring() {
    return FieldSchema.builder("monitoring", FieldType.OBJECT)
        .doc("Container Insights (the omsagent add-on); updated in place.")
        .apiField("properties.addonProfiles.omsagent")
        .fields(
            FieldSchema.builder("workspace", FieldType.STRING)
                .required()
                .doc("Resource id of the Log Analytics workspace, for example ${logs.id}.")
                .apiField(
                    "properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID")
                .build())
        .build();
  }

  private static FieldSchema serviceMesh() {
    FieldSchema istio = FieldSchema.builder("istio", FieldType.OBJECT)
        .doc("The Istio-based service mesh add-on.")
        .apiField("properties.serviceMeshProfile.istio")
        .fields(
            FieldSchema.builder("revisions", FieldType.LIST)
                .required()
                .element(FieldSchema.builder("revision", FieldType.STRING)
                    .doc("Revision such as asm-1-23.")
                    .build())
                .doc("Istio control plane revisions, one or two (two during a canary upgrade).")
                .apiField("properties.serviceMeshProfile.istio.revisions")
                .build())
        .build();
    return FieldSchema.builder("serviceMesh", FieldType.OBJECT)
        .doc("The AKS service mesh add-on; updated in place.")
        .apiField("properties.serviceMeshProfile (mode Istio)")
        .fields(istio)
        .build();
  }
}
