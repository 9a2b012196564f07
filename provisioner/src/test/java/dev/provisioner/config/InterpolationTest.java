package dev.provisioner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolationTest {

  @Test
  void stringSplitsIntoTextAndExpressions() {
    List<Interpolation.Segment> segments = Interpolation.split("https://${aks.fqdn}/x");

    assertEquals(List.of(new Interpolation.Text("https://"),
        new Interpolation.Expression("aks.fqdn"), new Interpolation.Text("/x")), segments);
  }

  @Test
  void pathParsesFieldsAndIndexes() {
    Interpolation.Path path = Interpolation.parsePath("net.subnets[0].id");

    assertEquals("net", path.root());
    assertEquals(List.of(new Expr.PathStep.Field("subnets"), new Expr.PathStep.Index(0),
        new Expr.PathStep.Field("id")), path.steps());
  }

  @Test
  void namesMayContainDashes() {
    Interpolation.Path path = Interpolation.parsePath("module.team-a.namespace");

    assertEquals("module", path.root());
    assertEquals(2, path.steps().size());
  }

  @Test
  void nonNumericIndexIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Interpolation.parsePath("a.b[x]"));
  }
}
