package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One object as this tool will apply it.
 *
 * @param id its identity
 * @param apiVersion the {@code apiVersion} it is applied as
 * @param kind how the API serves it; empty while its CRD is still to be applied
 * @param body the object to send, with defaults filled in and the owner annotation added
 * @param digest digest of {@code body} as {@link ObjectDigest} computes it
 * @param servedNow whether the cluster served its kind when it was prepared. The kind of an
 *     object whose CRD comes from the same apply is not served yet, so the object cannot be
 *     listed before the apply
 */
public record DesiredObject(
    ObjectId id,
    String apiVersion,
    Optional<ResourceKind> kind,
    ObjectNode body,
    String digest,
    boolean servedNow) {

  public DesiredObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(digest, "digest");
  }

  /** Returns the group of the object's kind. */
  public String group() {
    return id.group();
  }

  /** Returns whether this object is a CustomResourceDefinition. */
  public boolean isCrd() {
    return id.group().equals("apiextensions.k8s.io")
        && id.kind().equals("CustomResourceDefinition");
  }

  /** Returns whether this object is a Namespace. */
  public boolean isNamespace() {
    return id.group().isEmpty() && id.kind().equals("Namespace");
  }
}
