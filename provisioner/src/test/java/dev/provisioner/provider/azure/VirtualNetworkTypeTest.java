package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.provider.Values;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VirtualNetworkTypeTest {

  private static final String NETWORK_ID = "/subscriptions/s/resourceGroups/rg/providers"
      + "/Microsoft.Network/virtualNetworks/knative-dev-vnet";

  private final VirtualNetworkType type = new VirtualNetworkType();
  // Planning contacts nothing: the subscription comes from the stack, and building the
  // environment credential makes no request.
  private final TestContext context = new TestContext(new RunSettings("test", Path.of("."),
      Path.of(".provisioner"),
      Stacks.yaml("{ cloud: AzurePublic, subscriptionId: s, credential: environment }"),
      Map.of(), Optional.empty(), Map.of()));

  private static ObjectNode network() {
    return Stacks.yaml(
        """
        name: knative-dev-vnet
        resourceGroup: rg
        location: eastasia
        addressSpace: [ "10.224.0.0/12" ]
        subnets: { nodes: "10.224.0.0/16", aci: "10.225.0.0/16" }
        """);
  }

  private static List<String> errors(ObjectNode properties) {
    Collected collected = new Collected();
    new VirtualNetworkType().validate(properties, collected);
    return collected.errors();
  }

  @Test
  void networkOfTheDesignIsValid() {
    assertEquals(List.of(), errors(network()));
  }

  @Test
  void subnetOutsideAddressSpaceIsRejected() {
    ObjectNode network = network();
    ((ObjectNode) network.get("subnets")).put("aci", "10.240.0.0/16");

    assertEquals(1, errors(network).size(), errors(network).toString());
  }

  @Test
  void subnetThatIsNoCidrIsRejected() {
    ObjectNode network = network();
    ((ObjectNode) network.get("subnets")).put("aci", "10.225.0.0");

    assertEquals(1, errors(network).size());
  }

  @Test
  void subnetAsObjectIsAccepted() {
    ObjectNode network = network();
    ((ObjectNode) network.get("subnets"))
        .set("aci", Stacks.yaml("{ addressPrefix: 10.225.0.0/16 }"));

    assertEquals(List.of(), errors(network));
  }

  @Test
  void createPlansSubnetIdsAsArmFormsThem() {
    ObjectNode planned = type.plan(context, network(), Optional.empty());

    assertEquals("10.224.0.0/16", planned.at("/subnets/nodes/addressPrefix").asText());
    assertEquals(NETWORK_ID + "/subnets/nodes", planned.at("/subnets/nodes/id").asText());
  }

  @Test
  void unknownResourceGroupLeavesSubnetIdsUnknown() {
    ObjectNode network = network();
    network.set("resourceGroup", Values.unknown());

    ObjectNode planned = type.plan(context, network, Optional.empty());

    assertTrue(Values.isUnknown(planned.get("subnets").get("nodes").get("id")));
  }

  @Test
  void addedSubnetGetsIdPredictedFromNetwork() {
    ObjectNode prior = network();
    prior.put("id", NETWORK_ID);
    prior.set("subnets", Stacks.yaml(
        "{ nodes: { addressPrefix: 10.224.0.0/16, id: " + NETWORK_ID + "/subnets/nodes } }"));

    ObjectNode planned = type.plan(context, network(), Optional.of(prior));

    assertEquals(NETWORK_ID + "/subnets/aci", planned.at("/subnets/aci/id").asText());
    assertEquals(NETWORK_ID + "/subnets/nodes", planned.at("/subnets/nodes/id").asText());
  }
}
