package dev.provisioner.provider.kubernetes;

import dev.provisioner.provider.ProviderException;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release manifests of the catalogue, by component and version, each pinned by SHA-256.
 *
 * <p>Knative Serving X.Y.Z is served with the newest Istio networking layer (net-istio) of X.Y,
 * as the Knative Operator bundles them; in a mirror that file sits beside serving's under the
 * serving version. Istio is the rendered manifest that net-istio publishes for its tests and
 * quick starts. The digests are those of the published files (Knative: release assets of tag
 * {@code knative-v1.15.2}, net-istio {@code knative-v1.15.1}; Istio: net-istio
 * {@code third_party/istio-latest/istio-ci-no-mesh/istio.yaml} at the commit of tag
 * {@code knative-v1.15.1}).
 */
public final class ReleaseCatalogue {

  /** Mirror folder of Knative's files. */
  public static final String KNATIVE = "knative";

  /** Mirror folder of Istio's files. */
  public static final String ISTIO = "istio";

  private static final String SERVING_RELEASES =
      "https://github.com/knative/serving/releases/download/knative-v";
  private static final String NET_ISTIO_RELEASES =
      "https://github.com/knative-extensions/net-istio/releases/download/knative-v";

  private static final Map<String, KnativeServingRelease> SERVING =
      Map.of(
          "1.15.2",
          new KnativeServingRelease(
              "1.15.2",
              knative("1.15.2", "serving-crds.yaml", SERVING_RELEASES + "1.15.2/serving-crds.yaml",
                  "4bc2dc0070473e265a95bfe9358e5f98a4af4c000dc527c82b15107556bca57d"),
              knative("1.15.2", "serving-core.yaml", SERVING_RELEASES + "1.15.2/serving-core.yaml",
                  "0fd68c013ae23fa30fedf9f040af4630bd91be57cfdbbe26b8e4c7f842d4ba3a"),
              knative("1.15.2", "net-istio.yaml", NET_ISTIO_RELEASES + "1.15.1/net-istio.yaml",
                  "ab3ccb27575f717838b920a4f7828531edaf5899339e6bb3ea2e4a273c0db8bf"),
              knative("1.15.2", "serving-hpa.yaml", SERVING_RELEASES + "1.15.2/serving-hpa.yaml",
                  "06775710c5d07076a0f9866aae152eac6112cf93d11f26b514412671b29316ad"),
              knative(
                  "1.15.2",
                  "serving-post-install-jobs.yaml",
                  SERVING_RELEASES + "1.15.2/serving-post-install-jobs.yaml",
                  "ea6838e15aed6924271bd89d21ac2e78bb2ca6117a0e40b7567a4f9bbb3b3607")));

  private static final Map<String, ReleaseFile> ISTIO_RELEASES =
      Map.of(
          "1.22.2",
          new ReleaseFile(
              ISTIO,
              "1.22.2",
              "istio-ci-no-mesh.yaml",
              URI.create(
                  "https://raw.githubusercontent.com/knative-extensions/net-istio/"
                      + "0887566dd474d00d084324a132da97ac2fb0c3a6/third_party/istio-latest/"
                      + "istio-ci-no-mesh/istio.yaml"),
              "50f3203d7fe1c4e54c3c96c040b676e7379209e9c7ad64ab60ebdd73d2449d03"));

  private ReleaseCatalogue() {}

  /** Returns the Knative Serving release of {@code version}, if the catalogue has it. */
  public static Optional<KnativeServingRelease> knativeServing(String version) {
    return Optional.ofNullable(SERVING.get(version));
  }

  /** Returns the Knative Serving versions the catalogue has, oldest first, comma-separated. */
  public static String knativeServingVersions() {
    return sortedVersions(SERVING.keySet());
  }

  /** Returns the Istio versions the catalogue has, oldest first, comma-separated. */
  public static String istioVersions() {
    return sortedVersions(ISTIO_RELEASES.keySet());
  }

  // Compares dotted versions number by number, so that 1.9.0 sorts before 1.10.0.
  private static String sortedVersions(Collection<String> versions) {
    Comparator<String> numeric = (left, right) -> Arrays.compare(
        Arrays.stream(left.split("\\.")).mapToInt(Integer::parseInt).toArray(),
        Arrays.stream(right.split("\\.")).mapToInt(Integer::parseInt).toArray());
    return String.join(", ", versions.stream().sorted(numeric).toList());
  }

  /**
   * Returns the Knative Serving release of {@code version}.
   *
   * @throws ProviderException naming the versions the catalogue has when it lacks this one
   */
  public static KnativeServingRelease requireKnativeServing(String version) {
    return knativeServing(version)
        .orElseThrow(
            () ->
                new ProviderException(
                    "UnknownVersion",
                    "Knative Serving "
                        + version
                        + " is not in the release catalogue; available versions: "
                        + knativeServingVersions()));
  }

  /** Returns the rendered Istio manifest of {@code version}, if the catalogue has it. */
  public static Optional<ReleaseFile> istio(String version) {
    return Optional.ofNullable(ISTIO_RELEASES.get(version));
  }

  /**
   * Returns the rendered Istio manifest of {@code version}.
   *
   * @throws ProviderException naming the versions the catalogue has when it lacks this one
   */
  public static ReleaseFile requireIstio(String version) {
    return istio(version)
        .orElseThrow(
            () ->
                new ProviderException(
                    "UnknownVersion",
                    "Istio "
                        + version
                        + " is not in the release catalogue; available versions: "
                        + istioVersions()
                        + " (or give your own rendered manifest in 'manifest')"));
  }

  private static ReleaseFile knative(String version, String file, String url, String sha256) {
    return new ReleaseFile(KNATIVE, version, file, URI.create(url), sha256);
  }

  /**
   * The files of one Knative Serving release.
   *
   * @param version the serving version
   * @param crds the CRDs
   * @param core the core components
   * @param netIstio the Istio networking layer
   * @param hpa the HPA autoscaling extension
   * @param postInstallJobs jobs to run once after installing or upgrading
   */
  public record KnativeServingRelease(
      String version,
      ReleaseFile crds,
      ReleaseFile core,
      ReleaseFile netIstio,
      ReleaseFile hpa,
      ReleaseFile postInstallJobs) {

    /** Returns every file of the release. */
    public List<ReleaseFile> files() {
      return List.of(crds, core, netIstio, hpa, postInstallJobs);
    }
  }
}
