package dev.provisioner.provider.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import dev.provisioner.provider.kubernetes.ApplyResult;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.CommonFields;
import dev.provisioner.provider.kubernetes.Digests;
import dev.provisioner.provider.kubernetes.InventoryEntry;
import dev.provisioner.provider.kubernetes.ManifestDocuments;
import dev.provisioner.provider.kubernetes.ManifestSources;
import dev.provisioner.provider.kubernetes.ObjectSetType;
import dev.provisioner.provider.kubernetes.ObjectSetWaits;
import dev.provisioner.provider.kubernetes.ReleaseCatalogue;
import dev.provisioner.provider.kubernetes.ReleaseFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code istio.install}: a pinned Istio version applied from a rendered manifest. */
public final class IstioInstallType extends ObjectSetType {

  /** The Deployments an Istio install is not usable without. */
  private static final Set<String> CONTROL_PLANE = Set.of("istiod", "istio-ingressgateway");


  private static final ResourceSchema SCHEMA =
      CommonFields.objectSetSchema(
          "istio.install",
          "Self-managed Istio of a pinned version, applied from a rendered manifest",
          List.of(
              FieldSchema.builder("version", FieldType.STRING)
                  .required()
                  .doc("Istio version, for example 1.22.2")
                  .build(),
              FieldSchema.builder("manifest", FieldType.OBJECT)
                  .doc(
                      "Your own rendered manifest instead of the release catalogue's: { file } or"
                          + " { url, sha256 }")
                  .fields(
                      CommonFields.text("file", "YAML file relative to the stack folder"),
                      CommonFields.text("url", "URL of the YAML file; needs sha256"),
                      CommonFields.text("sha256", "Hex SHA-256 the file at url must have"))
                  .build()),
          List.of());

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    JsonNode manifest = properties.get("manifest");
    if (manifest != null && manifest.isObject()) {
      boolean file = manifest.hasNonNull("file");
      boolean url = manifest.hasNonNull("url");
      if (file == url) {
        validation.error("manifest", "set exactly one of 'manifest.file' or 'manifest.url'");
      }
      if (url && !manifest.hasNonNull("sha256")) {
        validation.error("manifest.sha256", "'manifest.url' needs 'manifest.sha256'");
      }
      JsonNode sha256 = manifest.get("sha256");
      if (sha256 != null && sha256.isTextual() && !Digests.isSha256Hex(sha256.asText())) {
        validation.error("manifest.sha256", "'manifest.sha256' must be 64 hexadecimal digits");
      }
      return;
    }
    JsonNode version = properties.get("version");
    if (version != null
        && version.isTextual()
        && ReleaseCatalogue.istio(version.asText()).isEmpty()) {
      validation.error(
          "version",
          "Istio "
              + version.asText()
              + " is not in the release catalogue; use one of the available versions ("
              + ReleaseCatalogue.istioVersions()
              + ") or give your own rendered manifest in 'manifest'");
    }
  }

  @Override
  protected List<ObjectNode> desiredObjects(
      OperationContext context,
      ObjectNode properties,
      Optional<ClusterConnection> cluster,
      Optional<ObjectNode> prior) {
    JsonNode manifest = properties.get("manifest");
    if (manifest != null && manifest.isObject()) {
      return ManifestSources.load(context, manifest);
    }
    ReleaseFile file = ReleaseCatalogue.requireIstio(properties.path("version").asText());
    return ManifestDocuments.parse(
        ManifestSources.store(context).read(file), file.mirrorPath());
  }

  /**
   * Waits for istiod and the ingress gateway even when the user turned readiness waits off:
   * until both are Available, the mesh cannot admit or route anything.
   */
  @Override
  protected void afterApply(
      OperationContext context,
      ClusterConnection cluster,
      ObjectNode attributes,
      ApplyResult result,
      Optional<ObjectNode> prior) {
    List<InventoryEntry> control = new ArrayList<>();
    for (InventoryEntry entry : inventoryOf(attributes)) {
      if (entry.kind().group().equals("apps")
          && entry.kind().kind().equals("Deployment")
          && CONTROL_PLANE.contains(entry.name())) {
        control.add(entry);
      }
    }
    ObjectSetWaits.untilReady(cluster, context, options(context, attributes).timeout(), control);
  }

  @Override
  public List<ReleaseFile> releaseManifests(ObjectNode properties) {
    JsonNode manifest = properties.get("manifest");
    if (manifest != null && manifest.isObject()) {
      return ManifestSources.pinned(manifest, "manifest");
    }
    JsonNode version = properties.get("version");
    if (version == null || !version.isTextual()) {
      throw new ProviderException(
          "UnknownValue", "version must be known before apply to mirror Istio's manifest");
    }
    return List.of(ReleaseCatalogue.requireIstio(version.asText()));
  }
}
