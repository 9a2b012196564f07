package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Values;
import org.junit.jupiter.api.Test;

class AksClusterValidationTest {

  private static final String CLUSTER_ID =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c";

  private final AksClusterType type = new AksClusterType();

  private Collected validate(ObjectNode properties) {
    Collected collected = new Collected();
    type.validate(properties, collected);
    return collected;
  }

  @Test
  void seedClusterIsValid() {
    Collected result = validate(Stacks.seedCluster("00000000-0000-0000-0000-000000000001"));

    assertEquals(java.util.List.of(), result.errors());
  }

  @Test
  void clusterNameWithDotIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    cluster.put("name", "knative.dev");

    assertTrue(validate(cluster).hasErrorAt("name"));
  }

  @Test
  void dnsPrefixLongerThan54IsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    cluster.put("dnsPrefix", "a".repeat(55));

    assertTrue(validate(cluster).hasErrorAt("dnsPrefix"));
  }

  @Test
  void dnsPrefixEndingWithHyphenIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    cluster.put("dnsPrefix", "knative-");

    assertTrue(validate(cluster).hasErrorAt("dnsPrefix"));
  }

  @Test
  void countBelowAutoscalingMinIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("defaultNodePool")).put("count", 2);

    assertTrue(validate(cluster).hasErrorAt("defaultNodePool.count"));
  }

  @Test
  void countAboveAutoscalingMaxIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("defaultNodePool")).put("count", 7);

    assertTrue(validate(cluster).hasErrorAt("defaultNodePool.count"));
  }

  @Test
  void autoscalingMinAboveMaxIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ObjectNode pool = (ObjectNode) cluster.get("defaultNodePool");
    pool.remove("count");
    ((ObjectNode) pool.get("autoscaling")).put("min", 8);

    assertTrue(validate(cluster).hasErrorAt("defaultNodePool.autoscaling"));
  }

  @Test
  void crossedAutoscalingBoundsGiveOneError() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ObjectNode pool = (ObjectNode) cluster.get("defaultNodePool");
    pool.put("count", 3);
    ((ObjectNode) pool.get("autoscaling")).put("min", 7);

    Collected result = validate(cluster);

    assertTrue(result.hasErrorAt("defaultNodePool.autoscaling"));
    assertFalse(result.hasErrorAt("defaultNodePool.count"), result.errors().toString());
  }

  @Test
  void systemPoolWithZeroNodesIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ObjectNode pool = (ObjectNode) cluster.get("defaultNodePool");
    pool.remove("autoscaling");
    pool.put("count", 0);

    assertTrue(validate(cluster).hasErrorAt("defaultNodePool.count"));
  }

  @Test
  void systemPoolBelow30PodsIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("defaultNodePool")).put("maxPods", 20);

    assertTrue(validate(cluster).hasErrorAt("defaultNodePool.maxPods"));
  }

  @Test
  void poolNameWithUppercaseIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("defaultNodePool")).put("name", "System");

    assertTrue(validate(cluster).hasErrorAt("defaultNodePool.name"));
  }

  @Test
  void virtualNodesWithKubenetAreRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("network")).put("plugin", "kubenet");

    assertTrue(validate(cluster).hasErrorAt("virtualNodes"));
  }

  @Test
  void virtualNodesOnTheNodeSubnetAreRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("virtualNodes")).put("subnet", "nodes");

    assertTrue(validate(cluster).hasErrorAt("virtualNodes.subnet"));
  }

  @Test
  void virtualNodesWithoutVirtualNetworkAreRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("network")).remove("subnet");

    assertTrue(validate(cluster).hasErrorAt("virtualNodes"));
  }

  @Test
  void unknownNodeSubnetIsNotRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("network")).set("subnet", Values.unknown());

    assertEquals(java.util.List.of(), validate(cluster).errors());
  }

  @Test
  void dnsServiceIpOutsideServiceCidrIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ObjectNode network = (ObjectNode) cluster.get("network");
    network.put("serviceCidr", "10.0.0.0/16");
    network.put("dnsServiceIp", "10.1.0.10");

    assertTrue(validate(cluster).hasErrorAt("network.dnsServiceIp"));
  }

  @Test
  void adminGroupThatIsNoGuidIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    cluster.set("rbac", Stacks.yaml("{ enabled: true, aadAdminGroups: [ platform-admins ] }"));

    assertTrue(validate(cluster).hasErrorAt("rbac.aadAdminGroups"));
  }

  @Test
  void adminGroupsWithoutRbacAreRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("rbac")).put("enabled", false);

    assertTrue(validate(cluster).hasErrorAt("rbac.aadAdminGroups"));
  }

  @Test
  void workspaceThatIsNoWorkspaceIdIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    ((ObjectNode) cluster.get("monitoring")).put("workspace", "knative-dev-logs");

    assertTrue(validate(cluster).hasErrorAt("monitoring.workspace"));
  }

  @Test
  void istioRevisionInWrongFormIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    cluster.set("serviceMesh", Stacks.yaml("{ istio: { revisions: [ '1.23' ] } }"));

    assertTrue(validate(cluster).hasErrorAt("serviceMesh.istio.revisions"));
  }

  @Test
  void kubernetesVersionWithLetterIsRejected() {
    ObjectNode cluster = Stacks.seedCluster("s");
    cluster.put("kubernetesVersion", "v1.33");

    assertTrue(validate(cluster).hasErrorAt("kubernetesVersion"));
  }

  @Test
  void taintWithUnknownEffectIsRejected() {
    Collected collected = new Collected();
    ObjectNode pool = Stacks.yaml("""
        cluster: { id: %s }
        name: burst
        vmSize: Standard_D4s_v3
        autoscaling: { min: 0, max: 10 }
        taints: [ "burst=true:NoDeploy" ]
        """.formatted(CLUSTER_ID));

    new AksNodePoolType().validate(pool, collected);

    assertTrue(collected.hasErrorAt("taints"));
  }

  @Test
  void userPoolMayScaleToZero() {
    Collected collected = new Collected();
    ObjectNode pool = Stacks.yaml("""
        cluster: { id: %s }
        name: burst
        vmSize: Standard_D4s_v3
        autoscaling: { min: 0, max: 10 }
        taints: [ "burst=true:NoSchedule" ]
        """.formatted(CLUSTER_ID));

    new AksNodePoolType().validate(pool, collected);

    assertEquals(java.util.List.of(), collected.errors());
  }

  @Test
  void systemNodePoolMayNotScaleToZero() {
    Collected collected = new Collected();
    ObjectNode pool = Stacks.yaml("""
        cluster: { id: %s }
        name: sys2
        mode: System
        vmSize: Standard_D4s_v3
        autoscaling: { min: 0, max: 10 }
        """.formatted(CLUSTER_ID));

    new AksNodePoolType().validate(pool, collected);

    assertTrue(collected.hasErrorAt("autoscaling.min"));
  }
}
