package dev.provisioner.plan;

import dev.provisioner.provider.ResourceType;
import java.util.Optional;

/** Finds resource types by name; the CLI passes the provider registry's lookup. */
@FunctionalInterface
public interface TypeLookup {

  /** Returns the type named {@code type}, for example {@code azure.aksCluster}. */
  Optional<ResourceType> type(String type);

  /** Returns the id of the provider serving {@code type}: the part before the first dot. */
  static String providerOf(String type) {
    int dot = type.indexOf('.');
    return dot < 0 ? type : type.substring(0, dot);
  }
}
