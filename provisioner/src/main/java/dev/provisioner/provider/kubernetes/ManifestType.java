package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import java.util.List;
import java.util.Optional;

/**
 * {@code kubernetes.manifest}: any Kubernetes objects from a file, a URL pinned by SHA-256, or an
 * inline list, applied with server-side apply and pruned when removed.
 */
public final class ManifestType extends ObjectSetType {

  private static final ResourceSchema SCHEMA =
      CommonFields.objectSetSchema(
          "kubernetes.manifest",
          "Kubernetes objects applied with server-side apply; removed objects are pruned",
          List.of(
              CommonFields.text(
                  "file", "YAML file of one or more documents, relative to the stack folder"),
              CommonFields.text("url", "URL of a YAML file; needs sha256"),
              CommonFields.text("sha256", "Hex SHA-256 the file at url must have"),
              FieldSchema.builder("objects", FieldType.LIST)
                  .doc("Inline Kubernetes objects")
                  .element(
                      FieldSchema.builder("object", FieldType.ANY)
                          .doc("One Kubernetes object with apiVersion, kind and metadata")
                          .build())
                  .build(),
              FieldSchema.builder("force", FieldType.BOOL)
                  .defaultValue(BooleanNode.FALSE)
                  .doc("Take over fields another field manager owns instead of failing on conflict")
                  .build()),
          List.of());

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    int sources = 0;
    for (String source : new String[] {"file", "url", "objects"}) {
      if (isSet(properties.get(source))) {
        sources++;
      }
    }
    if (sources != 1) {
      validation.error(
          "", "set exactly one of 'file', 'url' or 'objects' to say which objects to apply");
    }
    if (isSet(properties.get("url")) && !isSet(properties.get("sha256"))) {
      validation.error("sha256", "'url' needs 'sha256', the hex SHA-256 the file must have");
    }
    if (isSet(properties.get("sha256")) && !isSet(properties.get("url"))) {
      validation.error("sha256", "'sha256' applies only with 'url'; remove it or set 'url'");
    }
    JsonNode sha256 = properties.get("sha256");
    if (sha256 != null && sha256.isTextual() && !Digests.isSha256Hex(sha256.asText())) {
      validation.error("sha256", "'sha256' must be 64 hexadecimal digits");
    }
  }

  @Override
  public List<ReleaseFile> releaseManifests(ObjectNode properties) {
    return ManifestSources.pinned(properties, "");
  }

  @Override
  protected List<ObjectNode> desiredObjects(
      OperationContext context,
      ObjectNode properties,
      Optional<ClusterConnection> cluster,
      Optional<ObjectNode> prior) {
    return ManifestSources.load(context, properties);
  }

  private static boolean isSet(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }
}
