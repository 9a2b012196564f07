package dev.provisioner.provider.kubernetes;

import java.net.URI;
import java.util.Objects;

/**
 * One published release manifest, pinned by its SHA-256.
 *
 * @param component folder of the component in a manifest mirror, for example {@code knative}
 * @param version folder of the version in a mirror, for example {@code 1.15.2}
 * @param file file name in a mirror, for example {@code serving-core.yaml}
 * @param url where the file is published
 * @param sha256 hex SHA-256 the file must have
 */
public record ReleaseFile(String component, String version, String file, URI url, String sha256) {

  public ReleaseFile {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(url, "url");
    if (!Digests.isSha256Hex(sha256)) {
      throw new IllegalArgumentException("sha256 of " + file + " must be 64 hex digits");
    }
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Returns the manifest at {@code url}, pinned by {@code sha256}, as a file of the mirror
   * folder {@code url/<sha256>/<file name>}.
   */
  public static ReleaseFile forUrl(URI url, String sha256) {
    String path = url.getPath() == null ? "" : url.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new ReleaseFile(
        "url",
        sha256.toLowerCase(java.util.Locale.ROOT),
        name.isEmpty() ? "manifest.yaml" : name,
        url,
        sha256);
  }

  /** Returns the path of the file inside a mirror folder: {@code component/version/file}. */
  public String mirrorPath() {
    return component + "/" + version + "/" + file;
  }
}
