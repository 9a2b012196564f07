package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAddonProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conversions between attributes and the SDK's managed cluster model, without a server. */
class AksClusterMappingTest {

  /** The published ARM REST examples, beside the repository. */
  private static final Path EXAMPLES =
      Path.of("..", "..", "shared", "fixtures", "azure", "containerservice", "2026-08-01");

  private static ManagedClusterInner parse(String json) throws Exception {
    try (JsonReader reader = JsonProviders.createReader(json)) {
      return ManagedClusterInner.fromJson(reader);
    }
  }

  private static ManagedClusterInner exampleGet() throws Exception {
    Path file = EXAMPLES.resolve("ManagedClustersGet.json");
    if (!Files.exists(file)) {
      file = Path.of("..", "shared", "fixtures", "azure", "containerservice", "2026-08-01",
          "ManagedClustersGet.json");
    }
    var body = new ObjectMapper().readTree(file.toFile()).at("/responses/200/body");
    return parse(body.toString());
  }

  @Test
  void publishedGetExampleMapsToAttributes() throws Exception {
    ObjectNode attributes =
        AksClusterMapping.toAttributes(exampleGet(), "rg1", Stacks.yaml("{}"));

    assertEquals("clustername1", attributes.get("name").asText());
    assertEquals("dnsprefix1", attributes.get("dnsPrefix").asText());
    assertEquals("kubenet", attributes.at("/network/plugin").asText());
    assertEquals("nodepool1", attributes.at("/defaultNodePool/name").asText());
    assertEquals("Standard_DS1_v2", attributes.at("/defaultNodePool/vmSize").asText());
    assertEquals(3, attributes.at("/defaultNodePool/count").asInt());
    assertEquals(false, attributes.at("/rbac/enabled").asBoolean());
    assertEquals("MC_rg1_clustername1_location1", attributes.get("nodeResourceGroup").asText());
  }

  @Test
  void autoscaledPoolReportsStartSize() throws Exception {
    ManagedClusterInner live = parse("""
        { "name": "c", "location": "eastasia", "properties": { "agentPoolProfiles": [
          { "name": "system", "mode": "System", "vmSize": "Standard_DS3_v2", "count": 5,
            "enableAutoScaling": true, "minCount": 3, "maxCount": 6 } ] } }
        """);
    ObjectNode prior = Stacks.yaml("{ defaultNodePool: { name: system, count: 3 } }");

    ObjectNode attributes = AksClusterMapping.toAttributes(live, "rg", prior);

    assertEquals(3, attributes.at("/defaultNodePool/count").asInt());
  }

  @Test
  void manualPoolReportsLiveCount() throws Exception {
    ManagedClusterInner live = parse("""
        { "name": "c", "location": "eastasia", "properties": { "agentPoolProfiles": [
          { "name": "system", "mode": "System", "vmSize": "Standard_DS3_v2", "count": 5 } ] } }
        """);
    ObjectNode prior = Stacks.yaml("{ defaultNodePool: { name: system, count: 3 } }");

    ObjectNode attributes = AksClusterMapping.toAttributes(live, "rg", prior);

    assertEquals(5, attributes.at("/defaultNodePool/count").asInt());
  }

  @Test
  void workspaceIdKeepsStackSpelling() throws Exception {
    String written = "/subscriptions/s/resourceGroups/RG/providers"
        + "/Microsoft.OperationalInsights/workspaces/Logs";
    ManagedClusterInner live = parse("""
        { "name": "c", "location": "eastasia", "properties": { "addonProfiles": {
          "omsagent": { "enabled": true, "config": { "logAnalyticsWorkspaceResourceID":
            "%s" } } } } }
        """.formatted(written.toLowerCase()));

    ObjectNode attributes = AksClusterMapping.toAttributes(live, "rg",
        Stacks.yaml("{ monitoring: { workspace: '" + written + "' } }"));

    assertEquals(written, attributes.at("/monitoring/workspace").asText());
  }

  @Test
  void locationKeepsStackSpelling() throws Exception {
    ManagedClusterInner live = parse("{ \"name\": \"c\", \"location\": \"eastasia\" }");

    ObjectNode attributes =
        AksClusterMapping.toAttributes(live, "rg", Stacks.yaml("{ location: East Asia }"));

    assertEquals("East Asia", attributes.get("location").asText());
  }

  @Test
  void disabledVirtualNodesReadBackDisabled() throws Exception {
    ManagedClusterInner live = parse("{ \"name\": \"c\", \"location\": \"eastasia\" }");

    ObjectNode attributes = AksClusterMapping.toAttributes(live, "rg",
        Stacks.yaml("{ virtualNodes: { enabled: false, subnet: aci } }"));

    assertEquals(Stacks.yaml("{ enabled: false, subnet: aci }"), attributes.get("virtualNodes"));
  }

  @Test
  void updateKeepsOtherPoolsAndDisablesDroppedAddons() throws Exception {
    ManagedClusterInner existing = parse("""
        { "name": "knative-dev", "location": "eastasia", "properties": {
          "dnsPrefix": "knative-dev",
          "agentPoolProfiles": [
            { "name": "system", "mode": "System", "vmSize": "Standard_DS3_v2", "count": 4,
              "enableAutoScaling": true, "minCount": 3, "maxCount": 6 },
            { "name": "burst", "mode": "User", "vmSize": "Standard_D4s_v3", "count": 0 } ],
          "addonProfiles": { "aciConnectorLinux": { "enabled": true,
            "config": { "SubnetName": "aci" } } } } }
        """);
    ObjectNode desired = Stacks.seedCluster("s");
    desired.remove("virtualNodes");

    ManagedClusterInner request = AksClusterMapping.toRequest(desired, Optional.of(existing));

    List<String> pools = request.agentPoolProfiles().stream().map(p -> p.name()).toList();
    assertEquals(List.of("system", "burst"), pools);
    assertEquals(4, request.agentPoolProfiles().get(0).count());
    ManagedClusterAddonProfile aci = request.addonProfiles().get("aciConnectorLinux");
    assertFalse(aci.enabled());
    assertTrue(request.addonProfiles().get("omsagent").enabled());
    assertEquals(Map.of("env", "dev"), request.tags());
  }
}
