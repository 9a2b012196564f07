package dev.provisioner.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads release manifests from the manifest mirror the tests share (component/version/file). */
final class Fixtures {

  private Fixtures() {}

  static String manifest(String component, String version, String file) {
    String mirror = System.getenv("PROVISIONER_MANIFEST_MIRROR");
    // Surefire runs in the module folder; the mirror lies beside the repository root.
    Path root = mirror != null ? Path.of(mirror) : Path.of("..", "..", "shared", "fixtures");
    Path path = root.resolve(component).resolve(version).resolve(file);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading release manifest " + path.toAbsolutePath(), e);
    }
  }
}
