package dev.provisioner.provider.knative;

import dev.provisioner.provider.ProviderException;

/**
 * The upgrade rule of Knative Serving: one minor version at a time, because each release's
 * storage migrations assume the previous minor's objects.
 */
final class ServingUpgrade {

  private ServingUpgrade() {}

  /**
   * Checks that going from {@code installed} to {@code requested} moves at most one minor
   * version within one major version.
   *
   * @throws ProviderException naming the next version to go through when the move skips one
   */
  static void check(String installed, String requested) {
    int[] from = parse(installed);
    int[] to = parse(requested);
    if (from[0] != to[0]) {
      throw new ProviderException(
          "UnsupportedUpgrade",
          "Knative Serving cannot move from "
              + installed
              + " to "
              + requested
              + ": changing the major version is not supported");
    }
    int step = to[1] - from[1];
    if (step > 1) {
      throw new ProviderException(
          "UnsupportedUpgrade",
          "Knative Serving upgrades one minor version at a time: "
              + installed
              + " to "
              + requested
              + " skips "
              + (step - 1)
              + " minor version(s); apply "
              + from[0]
              + "."
              + (from[1] + 1)
              + ".x first");
    }
    if (step < -1) {
      throw new ProviderException(
          "UnsupportedUpgrade",
          "Knative Serving downgrades one minor version at a time: "
              + installed
              + " to "
              + requested
              + " skips "
              + (-step - 1)
              + " minor version(s)");
    }
  }

  private static int[] parse(String version) {
    String[] parts = version.split("\\.");
    if (parts.length < 2) {
      throw new ProviderException(
          "InvalidVersion", "Knative Serving version '" + version + "' is not MAJOR.MINOR.PATCH");
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      throw new ProviderException(
          "InvalidVersion", "Knative Serving version '" + version + "' is not MAJOR.MINOR.PATCH");
    }
  }
}
