package dev.provisioner.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  /** A provider serving the named types, with no operations. */
  private record NamedProvider(String id, List<String> typeNames) implements Provider {
    @Override
    public List<ResourceType> resourceTypes() {
      return typeNames.stream().<ResourceType>map(NamedType::new).toList();
    }
  }

  private record NamedType(String name) implements ResourceType {
    @Override
    public ResourceSchema schema() {
      return new ResourceSchema(name, "", List.of());
    }

    @Override
    public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ObjectNode create(OperationContext context, ObjectNode desired) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(OperationContext context, ObjectNode prior) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void serviceLoaderFindsTestProvider() {
    ProviderRegistry registry = ProviderRegistry.load();

    assertTrue(registry.type("test.cluster").isPresent());
    assertEquals("test", registry.providerOf("test.app").orElseThrow().id());
  }

  @Test
  void typeOutsideProviderPrefixIsAnError() {
    List<Provider> providers = List.of(new NamedProvider("a", List.of("a.x")),
        new NamedProvider("b", List.of("b.y", "a.x")));

    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> ProviderRegistry.of(providers));

    assertTrue(error.getMessage().contains("does not start with 'b.'"), error.getMessage());
  }

  @Test
  void twoProvidersWithOneIdAreAnError() {
    List<Provider> providers = List.of(new NamedProvider("a", List.of("a.x")),
        new NamedProvider("a", List.of("a.y")));

    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> ProviderRegistry.of(providers));

    assertTrue(error.getMessage().contains("two providers have the id 'a'"));
  }

  @Test
  void typeTwiceInOneProviderIsAnError() {
    List<Provider> providers = List.of(new NamedProvider("a", List.of("a.x", "a.x")));

    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> ProviderRegistry.of(providers));

    assertTrue(error.getMessage().contains("'a.x' is declared twice"), error.getMessage());
  }
}
