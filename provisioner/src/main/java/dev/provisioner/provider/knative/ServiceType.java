package dev.provisioner.provider.knative;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.kubernetes.CommonFields;
import java.util.List;
import java.util.Optional;

/** {@code knative.service}: one serving.knative.dev/v1 Service built from a few properties. */
public final class ServiceType implements ResourceType {

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "knative.service",
          "A Knative Service (serving.knative.dev/v1); an image change makes a new revision",
          List.of(
              CommonFields.cluster(),
              FieldSchema.builder("namespace", FieldType.STRING)
                  .required()
                  .forceNew()
                  .doc("Namespace of the service")
                  .build(),
              FieldSchema.builder("createNamespace", FieldType.BOOL)
                  .defaultValue(BooleanNode.FALSE)
                  .doc("Create the namespace when it does not exist at apply time")
                  .build(),
              FieldSchema.builder("name", FieldType.STRING)
                  .required()
                  .forceNew()
                  .doc("Name of the service")
                  .build(),
              FieldSchema.builder("image", FieldType.STRING)
                  .required()
                  .doc("Container image")
                  .build(),
              FieldSchema.builder("env", FieldType.MAP)
                  .doc("Environment variables of the container")
                  .element(text("value", "Variable value"))
                  .build(),
              FieldSchema.builder("ports", FieldType.LIST)
                  .doc("Container port; Knative accepts at most one")
                  .element(
                      FieldSchema.builder("port", FieldType.OBJECT)
                          .doc("A container port")
                          .fields(
                              FieldSchema.builder("containerPort", FieldType.INT)
                                  .doc("Port number the container listens on")
                                  .build(),
                              FieldSchema.builder("name", FieldType.STRING)
                                  .allowedValues("http1", "h2c")
                                  .doc("Protocol name Knative expects: http1 or h2c")
                                  .build())
                          .build())
                  .build(),
              FieldSchema.builder("resources", FieldType.OBJECT)
                  .doc("Container resources: { requests: {cpu, memory}, limits: {cpu, memory} }")
                  .fields(
                      quantities("requests", "Resources the container is guaranteed"),
                      quantities("limits", "Most resources the container may use"))
                  .build(),
              FieldSchema.builder("scale", FieldType.OBJECT)
                  .doc("Autoscaling, written as autoscaling.knative.dev annotations")
                  .fields(
                      FieldSchema.builder("min", FieldType.INT)
                          .doc("autoscaling.knative.dev/min-scale")
                          .build(),
                      FieldSchema.builder("max", FieldType.INT)
                          .doc("autoscaling.knative.dev/max-scale")
                          .build(),
                      FieldSchema.builder("target", FieldType.INT)
                          .doc("autoscaling.knative.dev/target")
                          .build(),
                      FieldSchema.builder("metric", FieldType.STRING)
                          .allowedValues("concurrency", "rps", "cpu", "memory")
                          .doc("autoscaling.knative.dev/metric")
                          .build())
                  .build(),
              FieldSchema.builder("traffic", FieldType.LIST)
                  .doc("Traffic split between revisions; absent, all traffic to the latest")
                  .element(
                      FieldSchema.builder("target", FieldType.OBJECT)
                          .doc("One traffic target")
                          .fields(
                              FieldSchema.builder("latestRevision", FieldType.BOOL)
                                  .doc("Whether this target follows the latest ready revision")
                                  .build(),
                              FieldSchema.builder("percent", FieldType.INT)
                                  .doc("Share of traffic, 0 to 100")
                                  .build(),
                              text("tag", "Tag that gives this target its own URL"),
                              text("revisionName", "Revision this target pins"))
                          .build())
                  .build(),
              FieldSchema.builder("visibility", FieldType.STRING)
                  .defaultValue(TextNode.valueOf("external"))
                  .allowedValues("external", "cluster-local")
                  .doc("cluster-local keeps the service off the ingress gateway")
                  .build(),
              CommonFields.waitField(),
              FieldSchema.builder("url", FieldType.STRING)
                  .computed()
                  .doc("URL of the service, from its status")
                  .build(),
              FieldSchema.builder("latestReadyRevision", FieldType.STRING)
                  .computed()
                  .doc("Name of the newest revision that is ready")
                  .build(),
              CommonFields.objectDigests(),
              CommonFields.inventory()));

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    throw notYet();
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    throw notYet();
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    throw notYet();
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    throw notYet();
  }

  private static FieldSchema text(String name, String doc) {
    return FieldSchema.builder(name, FieldType.STRING).doc(doc).build();
  }

  private static FieldSchema quantities(String name, String doc) {
    return FieldSchema.builder(name, FieldType.MAP)
        .doc(doc + ", by resource name (cpu, memory)")
        .element(text("quantity", "Kubernetes quantity such as 500m or 256Mi"))
        .build();
  }

  private static ProviderException notYet() {
    return new ProviderException("NotImplemented", "knative.service operations are not built yet");
  }
}
