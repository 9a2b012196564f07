package dev.provisioner.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests AKS, Network and Log Analytics reject before they change anything, with the status
 * and error code ARM answers. The sandbox runs synchronously so each case is one request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArmValidationTest {

  private static final String CLUSTER_API = "?api-version=2025-09-01";
  private static final String NETWORK_API = "?api-version=2025-03-01";

  @TempDir static Path world;

  private RunningSandbox sandbox;
  private ArmHttp arm;
  private String subnetPrefix;

  @BeforeAll
  void start() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.of(world, new RecordingClusterHost())
                .withSynchronous(true)
                .withFaults(new FaultRules()));
    arm = new ArmHttp(sandbox);
    arm.put(arm.group("rg") + "?api-version=2025-04-01", "{\"location\": \"westeurope\"}");
    String network = arm.group("rg") + "/providers/Microsoft.Network/virtualNetworks/vnet";
    arm.put(network + NETWORK_API, """
        {"location": "westeurope", "properties": {
          "addressSpace": {"addressPrefixes": ["10.224.0.0/12"]},
          "subnets": [{"name": "nodes", "properties": {"addressPrefix": "10.224.0.0/16"}},
                      {"name": "aci", "properties": {"addressPrefix": "10.225.0.0/16"}}]}}
        """);
    subnetPrefix = network + "/subnets/";
    arm.put(arm.cluster("rg", "base") + CLUSTER_API, cluster(body -> {}).toString());
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  private ObjectNode cluster(Consumer<ObjectNode> change) {
    ObjectNode body = ArmHttp.JSON.createObjectNode();
    body.put("location", "westeurope");
    body.putObject("identity").put("type", "SystemAssigned");
    ObjectNode properties = body.putObject("properties");
    properties.put("dnsPrefix", "base");
    properties.put("kubernetesVersion", "1.32");
    properties.put("enableRBAC", true);
    properties.putObject("networkProfile").put("networkPlugin", "azure");
    ObjectNode pool = properties.putArray("agentPoolProfiles").addObject();
    pool.put("name", "system");
    pool.put("mode", "System");
    pool.put("vmSize", "Standard_DS3_v2");
    pool.put("count", 3);
    pool.put("vnetSubnetID", subnetPrefix + "nodes");
    change.accept(body);
    return body;
  }

  private static ObjectNode properties(ObjectNode body) {
    return (ObjectNode) body.get("properties");
  }

  private static ObjectNode firstPool(ObjectNode body) {
    return (ObjectNode) properties(body).get("agentPoolProfiles").get(0);
  }

  private ArmHttp.Answer putCluster(String name, Consumer<ObjectNode> change) throws Exception {
    return arm.put(arm.cluster("rg", name) + CLUSTER_API, cluster(change).toString());
  }

  private void assertRejected(int status, String code, ArmHttp.Answer answer) {
    assertEquals(code, answer.errorCode(), answer.body().toString());
    assertEquals(status, answer.status(), answer.body().toString());
  }

  @Test
  void invalidDnsPrefixIsRejected() throws Exception {
    assertRejected(400, "InvalidParameter",
        putCluster("c1", body -> properties(body).put("dnsPrefix", "-bad-")));
  }

  @Test
  void invalidClusterNameIsRejected() throws Exception {
    assertRejected(400, "InvalidParameter", putCluster("bad.name", body -> {}));
  }

  @Test
  void minCountAboveMaxCountIsRejected() throws Exception {
    assertRejected(400, "InvalidParameter", putCluster("c1", body -> firstPool(body)
        .put("enableAutoScaling", true).put("minCount", 5).put("maxCount", 3)));
  }

  @Test
  void countOutsideAutoscalerBoundsIsRejected() throws Exception {
    assertRejected(400, "InvalidParameter", putCluster("c1", body -> firstPool(body)
        .put("enableAutoScaling", true).put("minCount", 4).put("maxCount", 6)));
  }

  @Test
  void clusterWithoutSystemPoolIsRejected() throws Exception {
    assertRejected(400, "MustDefineAtLeastOneSystemPool",
        putCluster("c1", body -> firstPool(body).put("mode", "User")));
  }

  @Test
  void unofferedVmSizeIsRejected() throws Exception {
    assertRejected(400, "InvalidParameter",
        putCluster("c1", body -> firstPool(body).put("vmSize", "Standard_Imaginary_v9")));
  }

  @Test
  void smallSystemPoolSizeIsRejected() throws Exception {
    assertRejected(400, "InvalidParameter",
        putCluster("c1", body -> firstPool(body).put("vmSize", "Standard_DS1_v2")));
  }

  @Test
  void virtualNodesNeedAzureCni() throws Exception {
    assertRejected(400, "InvalidParameter", putCluster("c1", body -> {
      ((ObjectNode) properties(body).get("networkProfile")).put("networkPlugin", "kubenet");
      firstPool(body).remove("vnetSubnetID");
      properties(body).putObject("addonProfiles").putObject("aciConnectorLinux")
          .put("enabled", true).putObject("config").put("SubnetName", "aci");
    }));
  }

  @Test
  void virtualNodesNeedExistingSubnet() throws Exception {
    assertRejected(400, "InvalidParameter", putCluster("c1", body ->
        properties(body).putObject("addonProfiles").putObject("aciConnectorLinux")
            .put("enabled", true).putObject("config").put("SubnetName", "missing")));
  }

  @Test
  void monitoringNeedsExistingWorkspace() throws Exception {
    assertRejected(400, "InvalidParameter", putCluster("c1", body ->
        properties(body).putObject("addonProfiles").putObject("omsagent")
            .put("enabled", true).putObject("config")
            .put("logAnalyticsWorkspaceResourceID", arm.group("rg")
                + "/providers/Microsoft.OperationalInsights/workspaces/absent")));
  }

  @Test
  void unsupportedKubernetesVersionIsRejected() throws Exception {
    assertRejected(400, "VersionNotSupported",
        putCluster("c1", body -> properties(body).put("kubernetesVersion", "1.9.6")));
  }

  @Test
  void changingDnsPrefixIsRejected() throws Exception {
    assertRejected(400, "PropertyChangeNotAllowed",
        putCluster("base", body -> properties(body).put("dnsPrefix", "other")));
  }

  @Test
  void disablingRbacIsRejected() throws Exception {
    assertRejected(400, "PropertyChangeNotAllowed",
        putCluster("base", body -> properties(body).put("enableRBAC", false)));
  }

  @Test
  void changingNetworkPluginIsRejected() throws Exception {
    assertRejected(400, "PropertyChangeNotAllowed", putCluster("base", body -> {
      ((ObjectNode) properties(body).get("networkProfile")).put("networkPlugin", "kubenet");
      firstPool(body).remove("vnetSubnetID");
    }));
  }

  @Test
  void changingPoolVmSizeIsRejected() throws Exception {
    assertRejected(400, "PropertyChangeNotAllowed",
        putCluster("base", body -> firstPool(body).put("vmSize", "Standard_D8s_v3")));
  }

  @Test
  void changingLocationIsRejected() throws Exception {
    assertRejected(409, "InvalidResourceLocation",
        putCluster("base", body -> body.put("location", "northeurope")));
  }

  @Test
  void upgradeSkippingMinorIsRejected() throws Exception {
    assertRejected(400, "UpgradeNotAllowed",
        putCluster("base", body -> properties(body).put("kubernetesVersion", "1.34")));
  }

  @Test
  void downgradeIsRejected() throws Exception {
    assertRejected(400, "NotAllowedDowngrade",
        putCluster("base", body -> properties(body).put("kubernetesVersion", "1.31")));
  }

  @Test
  void upgradeByOneMinorMovesClusterAndPools() throws Exception {
    arm.put(arm.cluster("rg", "upgraded") + CLUSTER_API,
        cluster(body -> properties(body).put("dnsPrefix", "upgraded")).toString());

    ArmHttp.Answer answer = putCluster("upgraded", body -> {
      properties(body).put("dnsPrefix", "upgraded");
      properties(body).put("kubernetesVersion", "1.33");
    });

    assertEquals(200, answer.status(), answer.body().toString());
    assertEquals(
        "1.33.3",
        answer.body().path("properties").path("currentKubernetesVersion").asText());
    assertEquals("1.33.3", answer.body().path("properties").path("agentPoolProfiles").get(0)
        .path("currentOrchestratorVersion").asText());
  }

  @Test
  void clusterInMissingResourceGroupIsNotFound() throws Exception {
    ArmHttp.Answer answer = arm.put(arm.cluster("absent", "c1") + CLUSTER_API,
        cluster(body -> {}).toString());

    assertRejected(404, "ResourceGroupNotFound", answer);
  }

  @Test
  void overlappingSubnetsAreRejected() throws Exception {
    ArmHttp.Answer answer = arm.put(
        arm.group("rg") + "/providers/Microsoft.Network/virtualNetworks/overlap" + NETWORK_API, """
        {"location": "westeurope", "properties": {
          "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
          "subnets": [{"name": "a", "properties": {"addressPrefix": "10.0.0.0/24"}},
                      {"name": "b", "properties": {"addressPrefix": "10.0.0.128/25"}}]}}
        """);

    assertRejected(400, "NetcfgSubnetRangesOverlap", answer);
  }

  @Test
  void subnetOutsideAddressSpaceIsRejected() throws Exception {
    ArmHttp.Answer answer = arm.put(subnetPrefix + "outside" + NETWORK_API,
        "{\"properties\": {\"addressPrefix\": \"192.168.0.0/24\"}}");

    assertRejected(400, "NetcfgSubnetRangeOutsideVnet", answer);
  }

  @Test
  void subnetUsedByClusterCannotBeDeleted() throws Exception {
    assertRejected(400, "InUseSubnetCannotBeDeleted",
        arm.send("DELETE", subnetPrefix + "nodes" + NETWORK_API, null));
  }

  @Test
  void workspaceRetentionOutOfRangeIsRejected() throws Exception {
    ArmHttp.Answer answer = arm.put(
        arm.group("rg") + "/providers/Microsoft.OperationalInsights/workspaces/logs"
            + "?api-version=2022-10-01",
        "{\"location\": \"westeurope\", \"properties\": {\"sku\": {\"name\": \"PerGB2018\"},"
            + " \"retentionInDays\": 5}}");

    assertRejected(400, "InvalidParameter", answer);
  }

  @Test
  void removingLastSystemPoolIsRejected() throws Exception {
    ArmHttp.Answer answer = arm.send("DELETE",
        arm.cluster("rg", "base") + "/agentPools/system" + CLUSTER_API, null);

    assertRejected(400, "MustDefineAtLeastOneSystemPool", answer);
  }

  @Test
  void tagNameWithReservedCharacterIsRejected() throws Exception {
    ArmHttp.Answer answer = arm.put(arm.group("tagged") + "?api-version=2025-04-01",
        "{\"location\": \"westeurope\", \"tags\": {\"cost/center\": \"7\"}}");

    assertRejected(400, "InvalidTagNameCharacters", answer);
  }

  @Test
  void malformedBodyIsRejected() throws Exception {
    ArmHttp.Answer answer = arm.put(arm.cluster("rg", "c1") + CLUSTER_API, "{not json");

    assertRejected(400, "InvalidRequestContent", answer);
  }

  @Test
  void poolNamesMustBeUnique() throws Exception {
    ArmHttp.Answer answer = putCluster("c1", body -> {
      ArrayNode pools = (ArrayNode) properties(body).get("agentPoolProfiles");
      pools.add(pools.get(0).deepCopy());
    });

    assertRejected(400, "InvalidParameter", answer);
  }
}
