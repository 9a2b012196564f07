package dev.provisioner.provider.knative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import dev.provisioner.provider.Values;
import dev.provisioner.provider.kubernetes.ApplyResult;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.CommonFields;
import dev.provisioner.provider.kubernetes.ManifestDocuments;
import dev.provisioner.provider.kubernetes.ManifestSources;
import dev.provisioner.provider.kubernetes.ManifestStore;
import dev.provisioner.provider.kubernetes.ObjectId;
import dev.provisioner.provider.kubernetes.ObjectSetType;
import dev.provisioner.provider.kubernetes.ReleaseCatalogue;
import dev.provisioner.provider.kubernetes.ReleaseCatalogue.KnativeServingRelease;
import dev.provisioner.provider.kubernetes.ReleaseFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code knative.serving}: Knative Serving of a pinned version with its Istio networking layer. */
public final class ServingType extends ObjectSetType {

  private static final ResourceSchema SCHEMA =
      CommonFields.objectSetSchema(
          "knative.serving",
          "Knative Serving of a pinned version with the Istio networking layer",
          List.of(
              FieldSchema.builder("version", FieldType.STRING)
                  .required()
                  .doc(
                      "Knative Serving version, for example 1.15.2;"
                          + " upgrades go one minor at a time")
                  .build(),
              FieldSchema.builder("ingress", FieldType.STRING)
                  .defaultValue(TextNode.valueOf("istio"))
                  .allowedValues("istio")
                  .doc("Networking layer; istio needs a self-managed Istio (istio.install)")
                  .build(),
              CommonFields.text(
                  "domain", "Domain of service URLs, written to the config-domain ConfigMap"),
              FieldSchema.builder("config", FieldType.MAP)
                  .doc(
                      "Entries merged into Knative's config-* ConfigMaps, by name without the"
                          + " config- prefix, for example autoscaler: { enable-scale-to-zero:"
                          + " \"true\" }")
                  .element(
                      FieldSchema.builder("entries", FieldType.MAP)
                          .doc("ConfigMap data entries")
                          .element(CommonFields.text("value", "Entry value"))
                          .build())
                  .build(),
              FieldSchema.builder("hpa", FieldType.BOOL)
                  .defaultValue(BooleanNode.FALSE)
                  .doc("Install the HPA autoscaling extension (serving-hpa.yaml)")
                  .build()),
          List.of(
              FieldSchema.builder("ingressAddress", FieldType.STRING)
                  .computed()
                  .doc("Load-balancer IP or host name of the Istio ingress gateway")
                  .build(),
              FieldSchema.builder("postInstallVersion", FieldType.STRING)
                  .computed()
                  .doc("Version whose post-install jobs have run; they run once per version")
                  .build()));

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    JsonNode version = properties.get("version");
    if (version != null
        && version.isTextual()
        && ReleaseCatalogue.knativeServing(version.asText()).isEmpty()) {
      validation.error(
          "version",
          "Knative Serving "
              + version.asText()
              + " is not in the release catalogue; use one of the available versions: "
              + ReleaseCatalogue.knativeServingVersions());
    }
  }

  @Override
  protected void checkPlan(
      OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    JsonNode mesh = desired.path("cluster").path("serviceMesh").path("istio");
    if (!mesh.isMissingNode() && !mesh.isNull()) {
      String cluster = desired.path("cluster").path("address").asText("the cluster");
      throw new ProviderException(
          "UnsupportedMesh",
          cluster
              + " runs the AKS Istio add-on (serviceMesh.istio), but Knative's Istio networking"
              + " layer expects a self-managed Istio ingress gateway; remove serviceMesh from the"
              + " cluster and install Istio with an istio.install resource");
    }
    String version = desired.path("version").asText();
    ReleaseCatalogue.requireKnativeServing(version);
    if (prior.isPresent() && prior.get().path("version").isTextual()) {
      ServingUpgrade.check(prior.get().path("version").asText(), version);
    }
  }

  @Override
  protected List<ObjectNode> desiredObjects(
      OperationContext context,
      ObjectNode properties,
      Optional<ClusterConnection> cluster,
      Optional<ObjectNode> prior) {
    KnativeServingRelease release =
        ReleaseCatalogue.requireKnativeServing(properties.path("version").asText());
    ManifestStore store = ManifestSources.store(context);
    List<ObjectNode> objects = new ArrayList<>();
    List<ReleaseFile> files =
        new ArrayList<>(List.of(release.crds(), release.core(), release.netIstio()));
    if (properties.path("hpa").asBoolean(false)) {
      files.add(release.hpa());
    }
    for (ReleaseFile file : files) {
      objects.addAll(ManifestDocuments.parse(store.read(file), file.mirrorPath()));
    }
    ServingConfig.apply(objects, properties);
    return objects;
  }

  @Override
  protected void planComputed(
      ObjectNode planned, Optional<ObjectNode> prior, boolean objectsChange) {
    JsonNode address = prior.map(p -> p.get("ingressAddress")).orElse(null);
    if (address != null && address.isTextual() && !address.asText().isEmpty()) {
      planned.set("ingressAddress", address);
    } else {
      planned.set("ingressAddress", Values.unknown());
    }
    String version = planned.path("version").asText();
    JsonNode ran = prior.map(p -> p.get("postInstallVersion")).orElse(null);
    if (ran != null && ran.asText().equals(version)) {
      planned.put("postInstallVersion", version);
    } else {
      planned.set("postInstallVersion", Values.unknown());
    }
  }

  @Override
  protected void afterApply(
      OperationContext context,
      ClusterConnection cluster,
      ObjectNode attributes,
      ApplyResult result,
      Optional<ObjectNode> prior) {
    String version = attributes.path("version").asText();
    Duration timeout = options(context, attributes).timeout();
    String ran = prior.map(p -> p.path("postInstallVersion").asText("")).orElse("");
    if (!ran.equals(version)) {
      KnativeServingRelease release = ReleaseCatalogue.requireKnativeServing(version);
      new PostInstallJobs(cluster, context, timeout)
          .run(
              ManifestDocuments.parse(
                  ManifestSources.store(context).read(release.postInstallJobs()),
                  release.postInstallJobs().mirrorPath(),
                  true));
    }
    attributes.put("postInstallVersion", version);
    attributes.put(
        "ingressAddress",
        IngressAddress.await(
            cluster, context, attributes.path("wait").path("enabled").asBoolean(true), timeout));
  }

  @Override
  protected void afterRead(
      ClusterConnection cluster, ObjectNode attributes, Map<ObjectId, ObjectNode> live) {
    attributes.put("ingressAddress", IngressAddress.read(cluster).orElse(""));
  }

  @Override
  public List<ReleaseFile> releaseManifests(ObjectNode properties) {
    JsonNode version = properties.get("version");
    if (version == null || !version.isTextual()) {
      throw new ProviderException(
          "UnknownValue", "version must be known before apply to mirror Knative's manifests");
    }
    KnativeServingRelease release = ReleaseCatalogue.requireKnativeServing(version.asText());
    List<ReleaseFile> files =
        new ArrayList<>(List.of(release.crds(), release.core(), release.netIstio()));
    if (properties.path("hpa").asBoolean(false)) {
      files.add(release.hpa());
    }
    files.add(release.postInstallJobs());
    return files;
  }
}
