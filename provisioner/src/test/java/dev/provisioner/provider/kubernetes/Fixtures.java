package dev.provisioner.provider.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared release-manifest mirror that tests read the real manifests from. */
public final class Fixtures {

  private Fixtures() {}

  /**
   * Returns the mirror folder: {@code PROVISIONER_MANIFEST_MIRROR} when set, else
   * {@code ../shared/fixtures} beside the repository root (the folder holding {@code mvnw}).
   */
  public static Path mirror() {
    String variable = System.getenv(ManifestStore.MIRROR_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable).toAbsolutePath();
    }
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
      directory = directory.getParent();
    }
    if (directory == null) {
      throw new IllegalStateException(
          "cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
    return directory.resolve("../shared/fixtures").normalize();
  }
}
