package dev.provisioner.provider.kubernetes;

import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.RunSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of manifests: a mirror folder when one is set, else a local cache filled by
 * downloads. Every file is checked against its SHA-256 before use, wherever it came from.
 *
 * <p>A mirror is laid out as {@code <component>/<version>/<file>} for catalogue files and
 * {@code url/<sha256>/<file name>} for manifests given by URL. The cache uses the same layout
 * under {@code manifests/}.
 */
public final class ManifestStore {

  /** Environment variable naming a mirror folder when no mirror is set otherwise. */
  public static final String MIRROR_VARIABLE = "PROVISIONER_MANIFEST_MIRROR";

  private static final Logger log = LoggerFactory.getLogger(ManifestStore.class);

  private final Optional<Path> mirror;
  private final Path cache;
  private final Map<String, String> verified = new ConcurrentHashMap<>();
  private volatile HttpClient http;

  /**
   * Creates a store.
   *
   * @param mirror folder to serve every file from, instead of downloading
   * @param cache folder that keeps downloaded files
   */
  public ManifestStore(Optional<Path> mirror, Path cache) {
    this.mirror = mirror;
    this.cache = cache;
  }

  /**
   * Creates the store for a run: the mirror of the settings, which the CLI resolves from
   * {@code --manifest-mirror} or {@value #MIRROR_VARIABLE} against the stack folder, and the
   * cache under {@code $XDG_CACHE_HOME/provisioner} or {@code ~/.cache/provisioner}.
   */
  public static ManifestStore forRun(RunSettings settings) {
    Optional<Path> mirror = settings.manifestMirror();
    String xdg = settings.environment().get("XDG_CACHE_HOME");
    Path cacheRoot =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new ManifestStore(mirror, cacheRoot.resolve("provisioner").resolve("manifests"));
  }

  /** Returns the mirror folder, if one is set. */
  public Optional<Path> mirror() {
    return mirror;
  }

  /** Returns the verified text of a catalogue file. */
  public String read(ReleaseFile file) {
    return read(file.mirrorPath(), file.url(), file.sha256());
  }

  /** Returns the verified text of the manifest at {@code url}. */
  public String readUrl(URI url, String sha256) {
    return read(ReleaseFile.forUrl(url, sha256));
  }

  /**
   * Copies a catalogue file into {@code folder}, laid out as a mirror, fetching it first when
   * needed. Returns the path written.
   */
  public Path copyTo(ReleaseFile file, Path folder) {
    return copy(read(file), folder.resolve(file.mirrorPath()));
  }

  private String read(String relativePath, URI url, String sha256) {
    String expected = sha256.toLowerCase(java.util.Locale.ROOT);
    String known = verified.get(expected);
    if (known != null) {
      return known;
    }
    byte[] bytes;
    String source;
    if (mirror.isPresent()) {
      Path path = mirror.get().resolve(relativePath);
      source = path.toString();
      bytes = readMirrorFile(path);
    } else {
      Path path = cache.resolve(relativePath);
      source = Files.isRegularFile(path) ? path.toString() : url.toString();
      bytes = Files.isRegularFile(path) ? readCached(path) : download(url, path, expected);
    }
    String actual = Digests.sha256(bytes);
    if (!actual.equals(expected)) {
      throw new ProviderException(
          "DigestMismatch",
          source
              + ": SHA-256 mismatch: expected "
              + expected
              + ", got "
              + actual
              + "; the file is not the pinned one (replace it with the published file, or fix"
              + " the pinned sha256)");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    verified.put(expected, text);
    return text;
  }

  private static byte[] readMirrorFile(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ProviderException(
          "ManifestNotFound",
          path
              + " is not in the manifest mirror; fill the mirror with 'provisioner mirror' on a"
              + " machine with network access",
          e);
    } catch (IOException e) {
      throw new ProviderException("ManifestNotReadable", "cannot read " + path + ": " + e, e);
    }
  }

  private static byte[] readCached(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ProviderException("ManifestNotReadable", "cannot read " + path + ": " + e, e);
    }
  }

  private byte[] download(URI url, Path target, String expected) {
    log.debug("downloading {} into {}", url, target);
    HttpResponse<byte[]> response;
    try {
      response =
          httpClient()
              .send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ProviderException(
          "DownloadFailed",
          "downloading " + url + " failed: " + e + " (without network, set a manifest mirror)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("Interrupted", "interrupted while downloading " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new ProviderException(
          "DownloadFailed", "downloading " + url + " failed with HTTP " + response.statusCode());
    }
    byte[] bytes = response.body();
    // Only verified bytes enter the cache, so a later run can trust what it finds there.
    if (Digests.sha256(bytes).equals(expected)) {
      copyBytes(bytes, target);
    }
    return bytes;
  }

  private HttpClient httpClient() {
    if (http == null) {
      synchronized (this) {
        if (http == null) {
          http =
              HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .connectTimeout(Duration.ofSeconds(30))
                  .build();
        }
      }
    }
    return http;
  }

  private static Path copy(String text, Path target) {
    copyBytes(text.getBytes(StandardCharsets.UTF_8), target);
    return target;
  }

  private static void copyBytes(byte[] bytes, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".download", ".tmp");
      Files.write(temporary, bytes);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ProviderException("ManifestNotWritable", "cannot write " + target + ": " + e, e);
    }
  }

}
