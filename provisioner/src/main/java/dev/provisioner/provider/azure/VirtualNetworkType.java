package dev.provisioner.provider.azure;

import com.azure.resourcemanager.network.fluent.VirtualNetworksClient;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azure.virtualNetwork}: a virtual network with its subnets
 * ({@code Microsoft.Network/virtualNetworks}), for Azure CNI nodes and virtual nodes.
 *
 * <p>A stack writes each subnet as {@code name: CIDR} (or {@code name: {addressPrefix: CIDR}});
 * plan, create and read return each as {@code {addressPrefix, id}}, so that
 * {@code ${net.subnets.nodes.id}} names the subnet's ARM id. Plan predicts the ids from the
 * subscription, resource group and names, as ARM forms them, so they are known before the
 * network exists. This matters because the engine leaves a property whose value is unknown
 * out of the create request.
 */
final class VirtualNetworkType extends GroupScopedArmType<VirtualNetworkInner> {

  static final String TYPE = "azure.virtualNetwork";

  private static final ResourceSchema SCHEMA = new ResourceSchema(
      TYPE,
      "A virtual network and its subnets.",
      List.of(
          AzureFields.name("Network name: 2 to 64 letters, digits, '_', '.' and '-', starting"
              + " with a letter or digit and ending with a letter, digit or '_'."),
          AzureFields.resourceGroup(),
          AzureFields.location(),
          FieldSchema.builder("addressSpace", FieldType.LIST)
              .required()
              .element(FieldSchema.builder("prefix", FieldType.STRING).doc("IPv4 CIDR.").build())
              .doc("Address prefixes of the network, for example [\"10.224.0.0/12\"]; updated in"
                  + " place.")
              .apiField("properties.addressSpace.addressPrefixes")
              .build(),
          FieldSchema.builder("subnets", FieldType.MAP)
              .element(FieldSchema.builder("subnet", FieldType.ANY)
                  .doc("The subnet's CIDR, or {addressPrefix: CIDR}; read back as"
                      + " {addressPrefix, id}.")
                  .build())
              .doc("Subnets by name; added and removed in place. Refer to a subnet's id as"
                  + " ${<network>.subnets.<name>.id}.")
              .apiField("properties.subnets[].properties.addressPrefix, subnets[].id")
              .build(),
          AzureFields.tags(),
          AzureFields.id()));

  VirtualNetworkType() {
    super("virtual network", "virtualNetworks");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    ArmRules.matches(properties, "name", ArmRules.VNET_NAME,
        "virtual network names are 2 to 64 letters, digits, '_', '.' and '-', starting with a"
            + " letter or digit and ending with a letter, digit or '_'",
        validation);
    List<String> space = Props.strings(properties, "addressSpace");
    for (String prefix : space) {
      if (!ArmRules.isCidr(prefix)) {
        validation.error("addressSpace", "'" + prefix + "' is not an IPv4 CIDR such as"
            + " 10.224.0.0/12.");
      }
    }
    Props.object(properties, "subnets").ifPresent(subnets -> subnets.fields().forEachRemaining(
        entry -> validateSubnet(entry.getKey(), entry.getValue(), space, validation)));
    ArmRules.tags(properties, validation);
  }

  private static void validateSubnet(
      String name, JsonNode value, List<String> space, Validation validation) {
    String path = "subnets." + name;
    if (!ArmRules.SUBNET_NAME.matcher(name).matches()) {
      validation.error(path, "'" + name + "' is not a valid subnet name: 1 to 80 letters,"
          + " digits, '_', '.' and '-', starting with a letter or digit and ending with a letter,"
          + " digit or '_'.");
    }
    if (Values.containsUnknown(value)) {
      return;
    }
    Optional<String> prefix = addressPrefix(value);
    if (prefix.isEmpty()) {
      validation.error(path, "write the subnet as a CIDR string or as {addressPrefix: CIDR}.");
      return;
    }
    if (!ArmRules.isCidr(prefix.get())) {
      validation.error(path, "'" + prefix.get() + "' is not an IPv4 CIDR such as 10.224.0.0/16.");
      return;
    }
    String network = prefix.get().split("/")[0];
    boolean inside = space.stream().anyMatch(range -> ArmRules.contains(range, network)
        && Integer.parseInt(range.split("/")[1]) <= Integer.parseInt(prefix.get().split("/")[1]));
    if (!space.isEmpty() && !inside) {
      validation.error(path, "subnet " + prefix.get() + " is outside the network's addressSpace "
          + space + ".");
    }
  }

  /** Returns the CIDR of a subnet written as a string or as {@code {addressPrefix}}. */
  private static Optional<String> addressPrefix(JsonNode subnet) {
    if (subnet.isTextual()) {
      return Optional.of(subnet.asText());
    }
    if (subnet.isObject() && subnet.path("addressPrefix").isTextual()) {
      for (var names = subnet.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!field.equals("addressPrefix") && !field.equals("id")) {
          return Optional.empty();
        }
      }
      return Optional.of(subnet.get("addressPrefix").asText());
    }
    return Optional.empty();
  }

  @Override
  public ObjectNode plan(OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    ObjectNode planned = desired.deepCopy();
    Optional<ObjectNode> subnets = Props.object(desired, "subnets");
    if (subnets.isEmpty()) {
      return planned;
    }
    Optional<String> networkId = prior.flatMap(p -> Props.text(p, "id"))
        .or(() -> predictedId(context, desired));
    ObjectNode plannedSubnets = AzureFields.JSON.objectNode();
    subnets.get().fields().forEachRemaining(entry -> {
      if (Values.containsUnknown(entry.getValue())) {
        plannedSubnets.set(entry.getKey(), Values.unknown());
        return;
      }
      ObjectNode subnet = AzureFields.JSON.objectNode();
      subnet.put("addressPrefix", addressPrefix(entry.getValue()).orElse(""));
      Optional<String> priorId =
          prior.flatMap(p -> Props.text(p, "subnets." + entry.getKey() + ".id"));
      if (priorId.isPresent()) {
        subnet.put("id", priorId.get());
      } else if (networkId.isPresent()) {
        subnet.put("id", networkId.get() + "/subnets/" + entry.getKey());
      } else {
        subnet.set("id", Values.unknown());
      }
      plannedSubnets.set(entry.getKey(), subnet);
    });
    planned.set("subnets", plannedSubnets);
    return planned;
  }

  /**
   * Returns the id ARM gives the network, built from the subscription, resource group and name
   * as ARM builds it. Knowing it at plan time keeps the planned subnets free of unknown values,
   * so subnet ids can be referenced before the network exists.
   */
  private static Optional<String> predictedId(OperationContext context, ObjectNode desired) {
    Optional<String> group = Props.text(desired, "resourceGroup");
    Optional<String> name = Props.text(desired, "name");
    if (group.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("/subscriptions/" + AzureClients.of(context).subscriptionId()
        + "/resourceGroups/" + group.get() + "/providers/Microsoft.Network/virtualNetworks/"
        + name.get());
  }

  @Override
  VirtualNetworkInner body(ObjectNode desired) {
    List<SubnetInner> subnets = new ArrayList<>();
    Props.object(desired, "subnets").ifPresent(map -> map.fields().forEachRemaining(entry ->
        subnets.add(new SubnetInner()
            .withName(entry.getKey())
            .withAddressPrefix(addressPrefix(entry.getValue()).orElseThrow()))));
    // NOTE: the PUT carries every subnet, so a subnet removed from the stack is deleted, and
    // settings made outside the stack on a subnet (delegations, NSGs) are reset.
    VirtualNetworkInner body = new VirtualNetworkInner()
        .withAddressSpace(new AddressSpace()
            .withAddressPrefixes(Props.strings(desired, "addressSpace")))
        .withSubnets(subnets);
    body.withLocation(Props.requiredText(desired, "location"));
    body.withTags(Props.stringMap(desired, "tags"));
    return body;
  }

  @Override
  VirtualNetworkInner sendPut(
      OperationContext context, String group, String name, VirtualNetworkInner body) {
    return client(context).createOrUpdate(group, name, body);
  }

  @Override
  VirtualNetworkInner sendGet(OperationContext context, String group, String name) {
    return client(context).getByResourceGroup(group, name);
  }

  @Override
  void sendDelete(OperationContext context, String group, String name) {
    client(context).delete(group, name);
  }

  private static VirtualNetworksClient client(OperationContext context) {
    return AzureClients.of(context).network().serviceClient().getVirtualNetworks();
  }

  @Override
  ObjectNode attributes(String group, VirtualNetworkInner network) {
    ObjectNode attributes = AzureFields.JSON.objectNode();
    attributes.put("name", network.name());
    attributes.put("resourceGroup", group);
    attributes.put("location", network.location());
    List<String> space = network.addressSpace() == null
        ? List.of()
        : Props.orEmpty(network.addressSpace().addressPrefixes());
    attributes.set("addressSpace", Props.stringList(space));
    Map<String, ObjectNode> subnets = new LinkedHashMap<>();
    for (SubnetInner subnet : Props.orEmpty(network.subnets())) {
      ObjectNode value = AzureFields.JSON.objectNode();
      String prefix = subnet.addressPrefix() != null
          ? subnet.addressPrefix()
          : Props.orEmpty(subnet.addressPrefixes()).stream().findFirst().orElse("");
      value.put("addressPrefix", prefix);
      value.put("id", subnet.id());
      subnets.put(subnet.name(), value);
    }
    ObjectNode subnetsNode = AzureFields.JSON.objectNode();
    subnets.forEach(subnetsNode::set);
    attributes.set("subnets", subnetsNode);
    attributes.set("tags", AzureFields.tagsAttribute(network.tags()));
    attributes.put("id", network.id());
    return attributes;
  }
}
