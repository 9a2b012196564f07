package dev.provisioner.testprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.Provider;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Validation;
import java.util.List;
import java.util.Optional;

/**
 * A provider for loader and CLI tests, registered through the test class path's
 * {@code META-INF/services}, so that those tests do not depend on the real providers. Its types
 * cover every field type and flag; their operations are never called by these tests.
 */
public final class TestProvider implements Provider {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Override
  public String id() {
    return "test";
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return List.of(new SchemaOnlyType(group()), new SchemaOnlyType(cluster()),
        new AppType(app()));
  }

  static ResourceSchema group() {
    return new ResourceSchema("test.group", "A group that holds other test resources.", List.of(
        FieldSchema.builder("name", FieldType.STRING).required().forceNew()
            .doc("Name of the group.").apiField("name").build(),
        FieldSchema.builder("location", FieldType.STRING).required().forceNew()
            .doc("Region of the group.").apiField("location").build(),
        FieldSchema.builder("tags", FieldType.MAP)
            .element(FieldSchema.builder("tag", FieldType.STRING).build())
            .doc("Tags of the group.").apiField("tags").build(),
        FieldSchema.builder("id", FieldType.STRING).computed().doc("Id of the group.").build()));
  }

  static ResourceSchema cluster() {
    FieldSchema autoscaling = FieldSchema.builder("autoscaling", FieldType.OBJECT)
        .fields(
            FieldSchema.builder("min", FieldType.INT).required().doc("Fewest nodes.").build(),
            FieldSchema.builder("max", FieldType.INT).required().doc("Most nodes.").build())
        .doc("Autoscaler bounds.").build();
    FieldSchema pool = FieldSchema.builder("pool", FieldType.OBJECT)
        .required()
        .fields(
            FieldSchema.builder("name", FieldType.STRING).required().forceNew()
                .doc("Pool name.").build(),
            FieldSchema.builder("vmSize", FieldType.STRING).forceNew()
                .defaultValue(JSON.textNode("Standard_D2s_v3")).doc("VM size.").build(),
            FieldSchema.builder("count", FieldType.INT).defaultValue(JSON.numberNode(3))
                .doc("Start size.").build(),
            autoscaling)
        .doc("The system node pool.").build();
    FieldSchema subnet = FieldSchema.builder("subnet", FieldType.OBJECT)
        .fields(FieldSchema.builder("id", FieldType.STRING).doc("Subnet id.").build())
        .build();
    return new ResourceSchema("test.cluster", "A cluster with a node pool.", List.of(
        FieldSchema.builder("name", FieldType.STRING).required().forceNew()
            .doc("Cluster name.").build(),
        FieldSchema.builder("group", FieldType.STRING).required().forceNew()
            .doc("Name of the group.").build(),
        FieldSchema.builder("version", FieldType.STRING).allowedValues("1.29", "1.30", "1.31")
            .defaultValue(JSON.textNode("1.30")).doc("Kubernetes version.").build(),
        FieldSchema.builder("rbac", FieldType.BOOL).defaultValue(JSON.booleanNode(true))
            .doc("Whether Kubernetes RBAC is on.").build(),
        pool,
        FieldSchema.builder("zones", FieldType.LIST)
            .element(FieldSchema.builder("zone", FieldType.INT).build())
            .doc("Availability zones.").build(),
        FieldSchema.builder("subnets", FieldType.MAP).computed().element(subnet)
            .doc("Subnets by name.").build(),
        FieldSchema.builder("fqdn", FieldType.STRING).computed().doc("API server name.").build(),
        FieldSchema.builder("kubeconfig", FieldType.STRING).computed().sensitive()
            .doc("Kubeconfig of the cluster user.").build()));
  }

  static ResourceSchema app() {
    FieldSchema cluster = FieldSchema.builder("cluster", FieldType.RESOURCE).required()
        .fields(
            FieldSchema.builder("kubeconfig", FieldType.STRING).doc("Kubeconfig path.").build(),
            FieldSchema.builder("context", FieldType.STRING).doc("Kubeconfig context.").build())
        .doc("The cluster, as ${NAME}.").build();
    return new ResourceSchema("test.app", "An application on a cluster.", List.of(
        cluster,
        FieldSchema.builder("name", FieldType.STRING).required().doc("App name.").build(),
        FieldSchema.builder("image", FieldType.STRING).required().doc("Image.").build(),
        FieldSchema.builder("env", FieldType.MAP)
            .element(FieldSchema.builder("value", FieldType.STRING).build())
            .doc("Environment variables.").build(),
        FieldSchema.builder("scale", FieldType.OBJECT).fields(
                FieldSchema.builder("min", FieldType.INT).doc("Fewest replicas.").build(),
                FieldSchema.builder("max", FieldType.INT).doc("Most replicas.").build())
            .doc("Replica bounds.").build(),
        FieldSchema.builder("config", FieldType.ANY).doc("Free-form configuration.").build(),
        FieldSchema.builder("token", FieldType.STRING).sensitive().doc("API token.").build(),
        FieldSchema.builder("url", FieldType.STRING).computed().doc("Public URL.").build()));
  }

  /** A type whose operations are out of scope for the tests that use it. */
  private static class SchemaOnlyType implements ResourceType {
    private final ResourceSchema schema;

    SchemaOnlyType(ResourceSchema schema) {
      this.schema = schema;
    }

    @Override
    public ResourceSchema schema() {
      return schema;
    }

    @Override
    public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
      throw new UnsupportedOperationException("the test provider contacts nothing");
    }

    @Override
    public ObjectNode create(OperationContext context, ObjectNode desired) {
      throw new UnsupportedOperationException("the test provider contacts nothing");
    }

    @Override
    public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
      throw new UnsupportedOperationException("the test provider contacts nothing");
    }

    @Override
    public void delete(OperationContext context, ObjectNode prior) {
      throw new UnsupportedOperationException("the test provider contacts nothing");
    }
  }

  /** {@code test.app}, whose static check rejects a scale with min above max. */
  private static final class AppType extends SchemaOnlyType {
    AppType(ResourceSchema schema) {
      super(schema);
    }

    @Override
    public void validate(ObjectNode properties, Validation validation) {
      JsonNode min = properties.path("scale").path("min");
      JsonNode max = properties.path("scale").path("max");
      if (min.isIntegralNumber() && max.isIntegralNumber() && min.asInt() > max.asInt()) {
        validation.error("scale.min", "min " + min.asInt() + " is above max " + max.asInt()
            + "; lower min or raise max");
      }
    }
  }
}
