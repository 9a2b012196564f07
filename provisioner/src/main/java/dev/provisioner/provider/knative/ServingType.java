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

/** {@code knative.serving}: Knative Serving of a pinned version with its Istio networking layer. */
public final class ServingType implements ResourceType {

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "knative.serving",
          "Knative Serving of a pinned version with the Istio networking layer",
          List.of(
              CommonFields.cluster(),
              FieldSchema.builder("version", FieldType.STRING)
                  .required()
                  .doc("Knative Serving version, for example 1.15.2; upgrades go one minor at a time")
                  .build(),
              FieldSchema.builder("ingress", FieldType.STRING)
                  .defaultValue(TextNode.valueOf("istio"))
                  .allowedValues("istio")
                  .doc("Networking layer; istio needs a self-managed Istio (istio.install)")
                  .build(),
              FieldSchema.builder("domain", FieldType.STRING)
                  .doc("Domain of service URLs, written to the config-domain ConfigMap")
                  .build(),
              FieldSchema.builder("config", FieldType.MAP)
                  .doc(
                      "Entries merged into Knative's config-* ConfigMaps, by name without the"
                          + " config- prefix, for example autoscaler: { enable-scale-to-zero: \"true\" }")
                  .element(
                      FieldSchema.builder("entries", FieldType.MAP)
                          .doc("ConfigMap data entries")
                          .element(
                              FieldSchema.builder("value", FieldType.STRING)
                                  .doc("Entry value")
                                  .build())
                          .build())
                  .build(),
              FieldSchema.builder("hpa", FieldType.BOOL)
                  .defaultValue(BooleanNode.FALSE)
                  .doc("Install the HPA autoscaling extension (serving-hpa.yaml)")
                  .build(),
              CommonFields.waitField(),
              FieldSchema.builder("ingressAddress", FieldType.STRING)
                  .computed()
                  .doc("Load-balancer IP or host name of the Istio ingress gateway")
                  .build(),
              FieldSchema.builder("postInstallVersion", FieldType.STRING)
                  .computed()
                  .doc("Version whose post-install jobs have run; they run once per version")
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

  private static ProviderException notYet() {
    return new ProviderException("NotImplemented", "knative.serving operations are not built yet");
  }
}
