package dev.provisioner.provider.azure;

import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Validation;
import dev.provisioner.provider.Values;
import java.util.List;
import java.util.Optional;

/**
 * {@code azure.aksNodePool}: an agent pool of an AKS cluster
 * ({@code Microsoft.ContainerService/managedClusters/agentPools}), created, scaled and deleted
 * apart from the cluster.
 */
final class AksNodePoolType implements ResourceType {

  static final String TYPE = "azure.aksNodePool";

  private static final List<String> FORCE_NEW =
      List.of("cluster.id", "name", "vmSize", "maxPods", "zones", "osDiskSizeGB");

  private static final ResourceSchema SCHEMA = new ResourceSchema(
      TYPE,
      "An additional node pool of an AKS cluster.",
      List.of(
          FieldSchema.builder("cluster", FieldType.RESOURCE)
              .required()
              .forceNew()
              .doc("The cluster, as ${aks}, or as {id: <managed cluster resource id>}.")
              .apiField("id (managedClusters segment)")
              .fields(FieldSchema.builder("id", FieldType.STRING)
                  .required()
                  .doc("ARM id of the managed cluster.")
                  .apiField("id")
                  .build())
              .build(),
          NodePoolFields.name(),
          NodePoolFields.vmSize(),
          NodePoolFields.count(),
          NodePoolFields.autoscaling(),
          NodePoolFields.mode(),
          NodePoolFields.labels(),
          NodePoolFields.taints(),
          NodePoolFields.zones(),
          NodePoolFields.maxPods(),
          NodePoolFields.osDiskSizeGB(),
          AzureFields.id()));

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    boolean system = Props.text(properties, "mode").map("System"::equals).orElse(false);
    ArmRules.agentPool(properties, "", system, validation);
    Props.text(properties, "cluster.id").ifPresent(id -> {
      if (!id.toLowerCase(java.util.Locale.ROOT)
          .contains("/providers/microsoft.containerservice/managedclusters/")) {
        validation.error("cluster", "'" + id + "' is not the id of a managed cluster; write"
            + " cluster: ${<cluster resource>}.");
      }
    });
  }

  @Override
  public ObjectNode plan(OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    ObjectNode planned = desired.deepCopy();
    boolean replace = prior.map(p -> requiresReplace(desired, p)).orElse(true);
    if (replace) {
      planned.set("id", Values.unknown());
    } else {
      Props.node(prior.get(), "id").ifPresent(id -> planned.set("id", id.deepCopy()));
      boolean autoscaled = Props.object(desired, "autoscaling").isPresent()
          && Props.object(prior.get(), "autoscaling").isPresent();
      Optional<Integer> priorCount = Props.integer(prior.get(), "count");
      if (autoscaled && priorCount.isPresent() && planned.has("count")) {
        planned.put("count", priorCount.get());
      }
    }

    Optional<String> location = Props.text(desired, "cluster.location");
    Optional<String> vmSize = Props.text(desired, "vmSize");
    if (location.isPresent() && vmSize.isPresent() && replace) {
      boolean system = Props.text(desired, "mode").map("System"::equals).orElse(false);
      RegionOfferings.of(context, location.get()).checkVmSize(vmSize.get(), system)
          .ifPresent(problem -> {
            throw new ProviderException("VMSizeNotSupported", problem);
          });
    }
    return planned;
  }

  private static boolean requiresReplace(ObjectNode desired, ObjectNode prior) {
    for (String path : FORCE_NEW) {
      if (Props.isUnknown(desired, path)) {
        return true;
      }
      var requested = Props.node(desired, path);
      if (requested.isPresent() && !requested.equals(Props.node(prior, path))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    ArmId cluster = clusterId(prior);
    String name = Props.requiredText(prior, "name");
    return ArmErrors.find("reading node pool " + name,
            () -> pools(context).get(cluster.resourceGroup(), cluster.name(), name))
        .map(pool -> attributes(pool, prior));
  }

  @Override
  public Optional<ObjectNode> find(OperationContext context, ObjectNode desired) {
    return read(context, desired);
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    return put(context, desired, Optional.empty(), "creating");
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    ArmId cluster = clusterId(desired);
    String name = Props.requiredText(desired, "name");
    Optional<Integer> liveCount = ArmErrors.find("reading node pool " + name,
            () -> pools(context).get(cluster.resourceGroup(), cluster.name(), name))
        .map(AgentPoolInner::count);
    return put(context, desired, liveCount, "updating");
  }

  private ObjectNode put(
      OperationContext context, ObjectNode desired, Optional<Integer> liveCount, String verb) {
    ArmId cluster = clusterId(desired);
    String name = Props.requiredText(desired, "name");
    // Pools of a cluster in a virtual network go into the same subnet as its default pool.
    Optional<String> subnet = Props.text(desired, "cluster.network.subnet");
    AgentPoolSpec spec = AgentPoolSpec.fromProperties(
        desired, Props.text(desired, "mode").orElse("User"), subnet);
    AgentPoolInner request = spec.toAgentPool(liveCount);
    context.progress(verb + " node pool " + name + " of cluster " + cluster.name());
    AgentPoolInner result = ArmErrors.call(verb + " node pool " + name,
        () -> pools(context)
            .createOrUpdate(cluster.resourceGroup(), cluster.name(), name, request));
    return attributes(result, desired);
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    ArmId cluster = clusterId(prior);
    String name = Props.requiredText(prior, "name");
    context.progress("deleting node pool " + name + " of cluster " + cluster.name());
    ArmErrors.deleteIfExists("deleting node pool " + name,
          () -> pools(context).delete(cluster.resourceGroup(), cluster.name(), name));
  }

  @Override
  public ObjectNode importResource(OperationContext context, String id) {
    ArmId armId = ArmId.parse(id);
    String clusterName = armId.name("managedClusters");
    String name = armId.name("agentPools");
    ObjectNode reference = AzureFields.JSON.objectNode();
    reference.putObject("cluster").put("id", id.substring(0, id.toLowerCase(java.util.Locale.ROOT)
        .indexOf("/agentpools/")));
    AgentPoolInner pool = ArmErrors.call("importing node pool " + name,
        () -> pools(context).get(armId.resourceGroup(), clusterName, name));
    return attributes(pool, reference);
  }

  private static ArmId clusterId(ObjectNode attributes) {
    return ArmId.parse(Props.requiredText(attributes, "cluster.id"));
  }

  /**
   * Builds the attributes of {@code pool}; {@code reference} (prior state or desired properties)
   * supplies the cluster reference and the start size reported while the autoscaler is on.
   */
  private static ObjectNode attributes(AgentPoolInner pool, ObjectNode reference) {
    ObjectNode attributes = AzureFields.JSON.objectNode();
    Props.node(reference, "cluster")
        .ifPresent(cluster -> attributes.set("cluster", cluster.deepCopy()));
    AgentPoolSpec.fromAgentPool(pool).writeTo(attributes, Props.integer(reference, "count"), true);
    attributes.put("id", pool.id());
    return attributes;
  }

  private static AgentPoolsClient pools(OperationContext context) {
    return AzureClients.of(context).containerService().serviceClient().getAgentPools();
  }
}
