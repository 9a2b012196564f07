package dev.provisioner.provider.istio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.kubernetes.CommonFields;
import java.util.List;
import java.util.Optional;

/** {@code istio.install}: a pinned Istio version applied from a rendered manifest. */
public final class IstioInstallType implements ResourceType {

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "istio.install",
          "Self-managed Istio of a pinned version, applied from a rendered manifest",
          List.of(
              CommonFields.cluster(),
              FieldSchema.builder("version", FieldType.STRING)
                  .required()
                  .doc("Istio version, for example 1.22.2")
                  .build(),
              FieldSchema.builder("manifest", FieldType.OBJECT)
                  .doc(
                      "Your own rendered manifest instead of the release catalogue's: { file } or"
                          + " { url, sha256 }")
                  .fields(
                      FieldSchema.builder("file", FieldType.STRING)
                          .doc("YAML file relative to the stack folder")
                          .build(),
                      FieldSchema.builder("url", FieldType.STRING)
                          .doc("URL of the YAML file; needs sha256")
                          .build(),
                      FieldSchema.builder("sha256", FieldType.STRING)
                          .doc("Hex SHA-256 the file at url must have")
                          .build())
                  .build(),
              CommonFields.waitField(),
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
    return new ProviderException("NotImplemented", "istio.install operations are not built yet");
  }
}
