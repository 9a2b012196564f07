package dev.provisioner.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

/**
 * The marker for values not known until apply ("computed"), carried inside ordinary Jackson
 * trees so that every stage can pass attributes as {@link JsonNode}.
 *
 * <p>An unknown value is a {@link POJONode} wrapping {@link Unknown#INSTANCE}. It never reaches a
 * provider's create or update: the engine resolves every reference before it calls them. It may
 * reach {@link ResourceType#plan} while dependencies are still to be created.
 */
public final class Values {

  /** The payload of the unknown marker. */
  public enum Unknown {
    INSTANCE;

    @Override
    public String toString() {
      return "(known after apply)";
    }
  }

  private Values() {}

  /** Returns a new unknown value. */
  public static JsonNode unknown() {
    return new POJONode(Unknown.INSTANCE);
  }

  /** Returns whether {@code node} is the unknown marker. */
  public static boolean isUnknown(JsonNode node) {
    return node instanceof POJONode pojo && pojo.getPojo() == Unknown.INSTANCE;
  }

  /** Returns whether {@code node} or anything nested in it is unknown. */
  public static boolean containsUnknown(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (isUnknown(node)) {
      return true;
    }
    for (JsonNode child : node) {
      if (containsUnknown(child)) {
        return true;
      }
    }
    return false;
  }
}
