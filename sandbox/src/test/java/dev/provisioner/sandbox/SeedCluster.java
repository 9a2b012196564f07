package dev.provisioner.sandbox;

import com.azure.core.management.Region;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.IstioServiceMesh;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAadProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAddonProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.NetworkPolicy;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import com.azure.resourcemanager.containerservice.models.ServiceMeshMode;
import com.azure.resourcemanager.containerservice.models.ServiceMeshProfile;
import com.azure.resourcemanager.loganalytics.models.Workspace;
import com.azure.resourcemanager.loganalytics.models.WorkspaceSku;
import com.azure.resourcemanager.loganalytics.models.WorkspaceSkuNameEnum;
import com.azure.resourcemanager.network.models.Network;
import java.util.List;
import java.util.Map;

/**
 * The environment most users start from, built through the Azure SDK. It has a resource group,
 * a Log Analytics workspace, and a virtual network with a node subnet and a virtual node subnet.
 * Its AKS cluster has RBAC, three Standard_DS3_v2 nodes autoscaling 3..6, virtual nodes,
 * monitoring, the Istio add-on and tags.
 */
final class SeedCluster {

  static final String LOCATION = "eastasia";
  static final String ADMIN_GROUP = "3f1a5e2c-0d6b-4e1f-9c7a-8b2d4e6f8a0c";

  final String resourceGroup;
  final String clusterName;
  final String clusterId;
  final Workspace workspace;
  final Network network;
  final ManagedClusterInner cluster;

  SeedCluster(SandboxClients clients, String resourceGroup, String clusterName) {
    this.resourceGroup = resourceGroup;
    this.clusterName = clusterName;
    clients.resources.resourceGroups().define(resourceGroup)
        .withRegion(Region.ASIA_EAST)
        .withTag("env", "dev")
        .create();
    workspace =
        clients.logAnalytics.workspaces().define(clusterName + "-logs")
            .withRegion(Region.ASIA_EAST)
            .withExistingResourceGroup(resourceGroup)
            .withSku(new WorkspaceSku().withName(WorkspaceSkuNameEnum.PER_GB2018))
            .withRetentionInDays(30)
            .create();
    network =
        clients.networks.networks().define(clusterName + "-vnet")
            .withRegion(Region.ASIA_EAST)
            .withExistingResourceGroup(resourceGroup)
            .withAddressSpace("10.224.0.0/12")
            .withSubnet("nodes", "10.224.0.0/16")
            .withSubnet("aci", "10.225.0.0/16")
            .create();
    cluster =
        clients.containers.serviceClient().getManagedClusters()
            .createOrUpdate(resourceGroup, clusterName, definition());
    clusterId = cluster.id();
  }

  ManagedClusterInner definition() {
    String nodeSubnet = network.subnets().get("nodes").id();
    ManagedClusterAgentPoolProfile system =
        new ManagedClusterAgentPoolProfile()
            .withName("system")
            .withMode(AgentPoolMode.SYSTEM)
            .withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
            .withVmSize("Standard_DS3_v2")
            .withCount(3)
            .withEnableAutoScaling(true)
            .withMinCount(3)
            .withMaxCount(6)
            .withMaxPods(50)
            .withAvailabilityZones(List.of("1", "2", "3"))
            .withOsDiskSizeGB(128)
            .withVnetSubnetId(nodeSubnet);
    return new ManagedClusterInner()
        .withLocation(LOCATION)
        .withTags(Map.of("env", "dev", "team", "platform"))
        .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
        .withKubernetesVersion("1.33")
        .withDnsPrefix(clusterName)
        .withEnableRbac(true)
        .withAadProfile(
            new ManagedClusterAadProfile()
                .withManaged(true)
                .withEnableAzureRbac(false)
                .withAdminGroupObjectIDs(List.of(ADMIN_GROUP)))
        .withNetworkProfile(
            new ContainerServiceNetworkProfile()
                .withNetworkPlugin(NetworkPlugin.AZURE)
                .withNetworkPolicy(NetworkPolicy.CALICO))
        .withAgentPoolProfiles(List.of(system))
        .withAddonProfiles(
            Map.of(
                "omsagent",
                new ManagedClusterAddonProfile()
                    .withEnabled(true)
                    .withConfig(Map.of("logAnalyticsWorkspaceResourceID", workspace.id())),
                "aciConnectorLinux",
                new ManagedClusterAddonProfile()
                    .withEnabled(true)
                    .withConfig(Map.of("SubnetName", "aci"))))
        .withServiceMeshProfile(
            new ServiceMeshProfile()
                .withMode(ServiceMeshMode.ISTIO)
                .withIstio(new IstioServiceMesh().withRevisions(List.of("asm-1-26"))));
  }
}
