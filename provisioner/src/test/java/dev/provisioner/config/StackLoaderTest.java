package dev.provisioner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackLoaderTest {

  private static final Path STACKS = Path.of("src/test/resources/stacks");

  private static Stack load(String name, VariableInputs inputs) {
    return new StackLoader(ProviderRegistry.load(), STACKS).load(STACKS.resolve(name), inputs);
  }

  @Test
  void validStackLoadsWithModulesFlattened() {
    Stack stack = load("valid.yaml", VariableInputs.of(Map.of()));

    List<String> addresses = stack.resources().stream()
        .map(r -> r.address().toString()).toList();
    assertEquals(List.of("rg", "aks", "hello", "module.team-a.app",
        "module.team-a.module.inner.sidecar"), addresses);
    assertEquals("valid", stack.name());
  }

  @Test
  void wholeValueVariableKeepsItsType() {
    Stack stack = load("valid.yaml", VariableInputs.of(Map.of()));

    Expr.ObjectExpr pool = (Expr.ObjectExpr) stack.resource(ResourceAddress.of("aks")).get()
        .properties().fields().get("pool");
    Expr.ObjectExpr autoscaling = (Expr.ObjectExpr) pool.fields().get("autoscaling");
    Expr.Literal max = assertInstanceOf(Expr.Literal.class, autoscaling.fields().get("max"));
    assertTrue(max.value().isIntegralNumber());
  }
}
