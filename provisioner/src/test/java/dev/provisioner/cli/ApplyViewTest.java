package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.apply.ApplyResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplyViewTest {

  private static String summary(ApplyResult result, boolean destroy) {
    StringWriter text = new StringWriter();
    new ApplyView(new PrintWriter(text), new Style(false), false).result(result, destroy);
    return text.toString();
  }

  @Test
  void interruptedApplyIsNotCalledFailed() {
    String text = summary(new ApplyResult(1, 0, 0, List.of(), true, Optional.empty()), false);

    assertTrue(text.contains("Apply interrupted. Resources: 1 added, 0 changed, 0 destroyed."),
        text);
  }

  @Test
  void interruptedApplyWithAnErrorIsFailed() {
    String text = summary(new ApplyResult(0, 0, 0, List.of("a: Boom: create failed"), true,
        Optional.empty()), false);

    assertTrue(text.contains("Error: a: Boom: create failed"), text);
    assertTrue(text.contains("Apply failed. Resources: 0 added"), text);
  }

  @Test
  void interruptedDestroyIsNamedSo() {
    String text = summary(new ApplyResult(0, 0, 2, List.of(), true, Optional.empty()), true);

    assertTrue(text.contains("Destroy interrupted. Resources: 2 destroyed."), text);
  }

  @Test
  void successfulApplyIsComplete() {
    String text = summary(new ApplyResult(2, 1, 0, List.of(), false, Optional.empty()), false);

    assertTrue(text.contains("Apply complete! Resources: 2 added, 1 changed, 0 destroyed."),
        text);
  }
}
