package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A resource type that reads pinned manifests: the catalogue's release files or a URL with its
 * SHA-256. {@code provisioner mirror} collects them from each resource to fill a mirror folder.
 */
public interface ReleaseManifests {

  /**
   * Returns the pinned manifests a resource with {@code properties} reads, in mirror layout.
   * Manifests given as local files are not listed: they are already on the machine.
   *
   * @param properties the resource's properties; values not known before apply are
   *     {@link dev.provisioner.provider.Values#unknown()}
   * @throws dev.provisioner.provider.ProviderException when a value that selects a manifest
   *     (a version, a URL) is unknown or not in the catalogue
   */
  List<ReleaseFile> releaseManifests(ObjectNode properties);
}
