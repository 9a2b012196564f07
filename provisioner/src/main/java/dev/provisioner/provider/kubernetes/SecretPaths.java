package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds the attributes of an object set that reveal the contents of a Kubernetes Secret, so that
 * plans and state mask them: inline objects that include a Secret, and the digests of Secrets.
 *
 * <p>A digest of a Secret counts as secret too: it is an unsalted SHA-256 of the applied fields,
 * so a short password could be found by hashing guesses together with the manifest's other
 * fields.
 */
final class SecretPaths {

  /** The attribute holding inline objects, as {@code kubernetes.manifest} declares it. */
  static final String OBJECTS = "objects";

  private SecretPaths() {}

  /** Returns the sensitive attribute paths of {@code attributes}. */
  static List<String> of(ObjectNode attributes) {
    List<String> paths = new ArrayList<>();
    JsonNode objects = attributes.get(OBJECTS);
    if (objects != null && objects.isArray()) {
      // Object lists have no stable path per item (items move when one is added), so the
      // whole list is masked as soon as one item is a Secret.
      for (JsonNode object : objects) {
        if (isSecret(object)) {
          paths.add(OBJECTS);
          break;
        }
      }
    }
    JsonNode digests = attributes.get(CommonFields.OBJECT_DIGESTS);
    if (digests != null && digests.isObject()) {
      for (Iterator<String> keys = digests.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!key.startsWith("Secret/")) {
          continue;
        }
        // Attribute paths split at dots, so a Secret name with a dot cannot be named on its
        // own; then every digest is masked.
        if (key.contains(".")) {
          paths.removeIf(path -> path.startsWith(CommonFields.OBJECT_DIGESTS + "."));
          paths.add(CommonFields.OBJECT_DIGESTS);
          break;
        }
        paths.add(CommonFields.OBJECT_DIGESTS + "." + key);
      }
    }
    return paths;
  }

  /** Returns whether {@code object} is a core-group Secret. */
  static boolean isSecret(JsonNode object) {
    return object != null && object.isObject()
        && "Secret".equals(object.path("kind").asText())
        && "v1".equals(object.path("apiVersion").asText());
  }
}
