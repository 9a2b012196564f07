package dev.provisioner.provider.azure;

import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;

/**
 * The fields an AKS agent pool has both as a cluster's {@code defaultNodePool} and as an
 * {@code azure.aksNodePool}. Force-new flags follow ARM: an agent pool's name, VM size, OS disk
 * size, max pods and zones are fixed once its scale set exists, while count and autoscaler bounds
 * change in place.
 */
final class NodePoolFields {

  private NodePoolFields() {}

  static FieldSchema name() {
    return FieldSchema.builder("name", FieldType.STRING)
        .required()
        .forceNew()
        .doc("Agent pool name: 1 to 12 lowercase letters and digits, starting with a letter.")
        .apiField("name")
        .build();
  }

  static FieldSchema vmSize() {
    return FieldSchema.builder("vmSize", FieldType.STRING)
        .required()
        .forceNew()
        .doc("VM size of the nodes, for example Standard_DS3_v2; changing it replaces the pool.")
        .apiField("properties.vmSize")
        .build();
  }

  static FieldSchema count() {
    return FieldSchema.builder("count", FieldType.INT)
        .doc("Number of nodes (0 to 1000, at least 1 in a System pool); with autoscaling it is"
            + " only the start size and the autoscaler owns the live count. Default 1, or"
            + " autoscaling.min.")
        .apiField("properties.count")
        .build();
  }

  static FieldSchema autoscaling() {
    return FieldSchema.builder("autoscaling", FieldType.OBJECT)
        .doc("Cluster autoscaler bounds; present means enabled. Updated in place.")
        .apiField("properties.enableAutoScaling")
        .fields(
            FieldSchema.builder("min", FieldType.INT)
                .required()
                .doc("Minimum node count.")
                .apiField("properties.minCount")
                .build(),
            FieldSchema.builder("max", FieldType.INT)
                .required()
                .doc("Maximum node count.")
                .apiField("properties.maxCount")
                .build())
        .build();
  }

  static FieldSchema maxPods() {
    return FieldSchema.builder("maxPods", FieldType.INT)
        .forceNew()
        .doc("Maximum pods per node (10 to 250, at least 30 in a System pool); fixed at creation.")
        .apiField("properties.maxPods")
        .build();
  }

  static FieldSchema zones() {
    return FieldSchema.builder("zones", FieldType.LIST)
        .forceNew()
        .element(FieldSchema.builder("zone", FieldType.STRING).doc("Zone: 1, 2 or 3.").build())
        .doc("Availability zones of the nodes; fixed at creation.")
        .apiField("properties.availabilityZones")
        .build();
  }

  static FieldSchema osDiskSizeGB() {
    return FieldSchema.builder("osDiskSizeGB", FieldType.INT)
        .forceNew()
        .doc("OS disk size in GB (0 or absent for the VM size's default, at most 2048); fixed at"
            + " creation.")
        .apiField("properties.osDiskSizeGB")
        .build();
  }

  static FieldSchema mode() {
    return FieldSchema.builder("mode", FieldType.STRING)
        .defaultValue(AzureFields.JSON.textNode("User"))
        .allowedValues("System", "User")
        .doc("System pools run kube-system pods and must stay Linux with at least one node.")
        .apiField("properties.mode")
        .build();
  }

  static FieldSchema labels() {
    return FieldSchema.builder("labels", FieldType.MAP)
        .element(FieldSchema.builder("value", FieldType.STRING).doc("Label value.").build())
        .doc("Kubernetes labels on every node of the pool; updated in place.")
        .apiField("properties.nodeLabels")
        .build();
  }

  static FieldSchema taints() {
    return FieldSchema.builder("taints", FieldType.LIST)
        .element(FieldSchema.builder("taint", FieldType.STRING)
            .doc("Taint as key=value:Effect.")
            .build())
        .doc("Kubernetes taints on every node, as key=value:Effect; updated in place.")
        .apiField("properties.nodeTaints")
        .build();
  }
}
