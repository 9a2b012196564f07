package dev.provisioner.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers on the class path and the resource types they serve, found with
 * {@link ServiceLoader}. A test adds its own provider by listing it in its
 * {@code META-INF/services/dev.provisioner.provider.Provider}.
 */
public final class ProviderRegistry {

  private final List<Provider> providers;
  private final Map<String, ResourceType> types;

  private ProviderRegistry(List<Provider> providers) {
    this.providers = List.copyOf(providers);
    Map<String, ResourceType> byName = new TreeMap<>();
    Map<String, Provider> ownerOf = new TreeMap<>();
    Map<String, Provider> ids = new TreeMap<>();
    for (Provider provider : providers) {
      Provider sameId = ids.putIfAbsent(provider.id(), provider);
      if (sameId != null) {
        throw new IllegalStateException("two providers have the id '" + provider.id() + "': "
            + sameId.getClass().getName() + " and " + provider.getClass().getName()
            + "; remove one of them from the class path");
      }
      for (ResourceType type : provider.resourceTypes()) {
        String name = type.schema().type();
        if (!name.startsWith(provider.id() + ".")) {
          throw new IllegalStateException("provider '" + provider.id() + "' ("
              + provider.getClass().getName() + ") declares type '" + name
              + "', which does not start with '" + provider.id() + ".'");
        }
        Provider owner = ownerOf.putIfAbsent(name, provider);
        if (owner != null) {
          throw new IllegalStateException("resource type '" + name + "' is declared twice, by "
              + owner.getClass().getName() + " and " + provider.getClass().getName()
              + "; each type name must be unique");
        }
        byName.put(name, type);
      }
    }
    this.types = Collections.unmodifiableMap(byName);
  }

  /**
   * Finds every {@link Provider} on the class path of the current thread's context class loader.
   *
   * @throws IllegalStateException when a listed provider cannot be created, or two providers
   *     share an id or declare the same type name
   */
  public static ProviderRegistry load() {
    List<Provider> found = new ArrayList<>();
    try {
      ServiceLoader.load(Provider.class).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      // Thrown for a listed class that is missing or whose constructor failed; an Error would
      // escape the CLI's error handling with a stack trace.
      throw new IllegalStateException("cannot load a provider: " + e.getMessage(), e);
    }
    found.sort((a, b) -> a.id().compareTo(b.id()));
    return new ProviderRegistry(found);
  }

  /** Builds a registry over the given providers, with the same checks as {@link #load()}. */
  public static ProviderRegistry of(List<Provider> providers) {
    return new ProviderRegistry(providers);
  }

  /** Returns the resource type named {@code name}, for example {@code azure.aksCluster}. */
  public Optional<ResourceType> type(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** Returns every resource type by name, sorted by name. */
  public Map<String, ResourceType> types() {
    return types;
  }

  /** Returns the providers, sorted by id. */
  public List<Provider> providers() {
    return providers;
  }

  /** Returns the provider serving {@code typeName}. */
  public Optional<Provider> providerOf(String typeName) {
    return providers.stream()
        .filter(p -> p.resourceTypes().stream().anyMatch(t -> t.schema().type().equals(typeName)))
        .findFirst();
  }
}
