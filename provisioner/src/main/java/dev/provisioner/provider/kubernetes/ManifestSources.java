package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the objects of a manifest given as {@code file}, {@code url} with {@code sha256}, or
 * inline {@code objects}, the three forms {@code kubernetes.manifest} and
 * {@code istio.install}'s {@code manifest} accept.
 */
public final class ManifestSources {

  private ManifestSources() {}

  /** Returns the run's manifest store, shared by every resource. */
  public static ManifestStore store(OperationContext context) {
    return context.shared(
        "kubernetes:manifest-store",
        ManifestStore.class,
        () -> ManifestStore.forRun(context.settings()));
  }

  /**
   * Loads the objects that {@code source} names.
   *
   * @throws ProviderException when the file is missing, the download fails, the digest does not
   *     match, or a document is not a Kubernetes object
   */
  public static List<ObjectNode> load(OperationContext context, JsonNode source) {
    if (source.hasNonNull("file")) {
      return loadFile(context, source.get("file").asText());
    }
    if (source.hasNonNull("url")) {
      URI url = parseUrl(source.get("url").asText());
      String sha256 = source.path("sha256").asText("");
      if (!Digests.isSha256Hex(sha256)) {
        throw new ProviderException(
            "InvalidProperty", "url " + url + " needs sha256, 64 hexadecimal digits");
      }
      return ManifestDocuments.parse(store(context).readUrl(url, sha256), url.toString());
    }
    if (source.hasNonNull("objects")) {
      return ManifestDocuments.fromValues(source.get("objects"), "objects");
    }
    throw new ProviderException(
        "InvalidProperty", "set one of 'file', 'url' or 'objects' to say which objects to apply");
  }

  /**
   * Returns the pinned manifest that {@code source} names when it is a URL, for
   * {@link ReleaseManifests}; a file or inline objects need none.
   *
   * @param property the property {@code source} is, for messages; empty for top-level fields
   * @throws ProviderException when the URL or its digest is not known before apply
   */
  public static List<ReleaseFile> pinned(JsonNode source, String property) {
    if (source == null || !source.hasNonNull("url")) {
      return List.of();
    }
    JsonNode url = source.get("url");
    JsonNode sha256 = source.path("sha256");
    if (!url.isTextual() || !sha256.isTextual()) {
      String prefix = property.isEmpty() ? "" : property + ".";
      throw new ProviderException(
          "UnknownValue",
          prefix + "url and " + prefix + "sha256 must be known before apply to be mirrored");
    }
    return List.of(ReleaseFile.forUrl(parseUrl(url.asText()), sha256.asText()));
  }

  private static List<ObjectNode> loadFile(OperationContext context, String file) {
    Path path = context.settings().stackDirectory().resolve(file).normalize();
    try {
      return ManifestDocuments.parse(Files.readString(path), file);
    } catch (NoSuchFileException e) {
      throw new ProviderException(
          "ManifestNotFound",
          "manifest file " + path + " does not exist; 'file' is relative to the stack folder",
          e);
    } catch (IOException e) {
      throw new ProviderException("ManifestNotReadable", "cannot read " + path + ": " + e, e);
    }
  }

  private static URI parseUrl(String text) {
    try {
      URI url = new URI(text);
      if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
        throw new ProviderException(
            "InvalidProperty", "url " + text + " must start with https:// or http://");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new ProviderException("InvalidProperty", "url " + text + " is not a valid URL", e);
    }
  }
}
