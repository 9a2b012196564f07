package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.plan.Drift;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanAction;
import dev.provisioner.plan.ResourceChange;
import dev.provisioner.provider.Values;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanViewTest {

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(text);
  }

  private static String render(ResourceChange change, List<Drift> drift) {
    Plan plan = new Plan("s", "h", Optional.of("l"), 3, false, List.of(change), drift, List.of(),
        List.of(), List.of());
    return new PlanView(new Style(false)).render(plan);
  }

  @Test
  void nestedChangesShowOnlyWhatDiffers() throws Exception {
    ObjectNode prior = json("{\"config\": {\"autoscaler\": {\"window\": \"60s\", \"min\": 1},"
        + " \"keep\": \"x\"}, \"zones\": [1, 2, 3], \"secret\": \"old\"}");
    ObjectNode planned = json("{\"config\": {\"autoscaler\": {\"window\": \"30s\", \"min\": 1},"
        + " \"keep\": \"x\"}, \"zones\": [1, 3, 4, 5], \"secret\": \"new\"}");
    ResourceChange change = new ResourceChange("app", "t.x", "t",
        new PlanAction.Update(List.of("config", "zones", "secret")), Optional.of(prior),
        Optional.of(planned), List.of("secret"), List.of(), false);

    String text = render(change, List.of());

    assertTrue(text.contains("~ window = \"60s\" -> \"30s\""), text);
    assertFalse(text.contains("keep"), text);
    assertFalse(text.contains("min"), text);
    assertTrue(text.contains("- 2"), text);
    assertTrue(text.contains("+ 4"), text);
    assertTrue(text.contains("+ 5"), text);
    assertFalse(text.contains("- 1"), text);
    assertTrue(text.contains("(sensitive value) -> (sensitive value)"), text);
    assertFalse(text.contains("old"), text);
    assertTrue(text.contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy."), text);
  }

  @Test
  void unknownValueShowsKnownAfterApply() throws Exception {
    ObjectNode prior = json("{\"subnet\": \"a\"}");
    ObjectNode planned = json("{}");
    planned.set("subnet", Values.unknown());
    ResourceChange change = new ResourceChange("app", "t.x", "t",
        new PlanAction.Update(List.of("subnet")), Optional.of(prior), Optional.of(planned),
        List.of(), List.of(), false);

    String text = render(change, List.of());

    assertTrue(text.contains("~ subnet = \"a\" -> (known after apply)"), text);
  }

  @Test
  void driftIsShownBeforeChanges() throws Exception {
    Drift drift = new Drift("app", "t.x", false, List.of("size"), json("{\"size\": 1}"),
        Optional.of(json("{\"size\": 2}")), List.of());
    ResourceChange change = new ResourceChange("app", "t.x", "t",
        new PlanAction.Update(List.of("size")), Optional.of(json("{\"size\": 2}")),
        Optional.of(json("{\"size\": 1}")), List.of(), List.of(), false);

    String text = render(change, List.of(drift));

    assertTrue(text.indexOf("Objects have changed outside of provisioner")
        < text.indexOf("will perform the following actions"), text);
    assertTrue(text.contains("~ size = 1 -> 2"), text);
    assertTrue(text.contains("~ size = 2 -> 1"), text);
  }

  @Test
  void colorIsOffWhenStyleSaysSo() throws Exception {
    ResourceChange change = new ResourceChange("app", "t.x", "t", new PlanAction.Create(),
        Optional.empty(), Optional.of(json("{\"name\": \"a\"}")), List.of(), List.of(), false);

    String plain = render(change, List.of());
    String colored = new PlanView(new Style(true)).render(new Plan("s", "h", Optional.empty(),
        -1, false, List.of(change), List.of(), List.of(), List.of(), List.of()));

    assertFalse(plain.contains("\u001B["), plain);
    assertTrue(colored.contains("\u001B[32m"), colored);
  }

  private static String digest(char c) {
    return String.valueOf(c).repeat(64);
  }

  @Test
  void createdDigestMapIsShownAsACount() throws Exception {
    ObjectNode planned = json("{\"name\": \"a\", \"objectDigests\": {\"v1/ConfigMap/ns/a\": \""
        + digest('a') + "\", \"apps/v1/Deployment/ns/b\": \"" + digest('b') + "\"}}");
    ResourceChange change = new ResourceChange("app", "t.x", "t", new PlanAction.Create(),
        Optional.empty(), Optional.of(planned), List.of(), List.of(), false);

    String text = render(change, List.of());

    assertTrue(text.contains("+ objectDigests = (2 digests)"), text);
    assertFalse(text.contains(digest('a')), text);
    assertFalse(text.contains("ConfigMap"), text);
  }

  @Test
  void digestMapUpdateShowsChangedKeysOnly() throws Exception {
    ObjectNode prior = json("{\"objectDigests\": {\"v1/ConfigMap/ns/same\": \"" + digest('a')
        + "\", \"v1/ConfigMap/ns/edited\": \"" + digest('b') + "\", \"v1/ConfigMap/ns/gone\": \""
        + digest('c') + "\"}}");
    ObjectNode planned = json("{\"objectDigests\": {\"v1/ConfigMap/ns/same\": \""
        + digest('a') + "\", \"v1/ConfigMap/ns/edited\": \"" + digest('d')
        + "\", \"v1/ConfigMap/ns/new\": \"" + digest('e') + "\"}}");
    ResourceChange change = new ResourceChange("app", "t.x", "t",
        new PlanAction.Update(List.of("objectDigests")), Optional.of(prior),
        Optional.of(planned), List.of(), List.of(), false);

    String text = render(change, List.of());

    assertTrue(text.contains("~ objectDigests = {"), text);
    assertTrue(text.contains("~ \"v1/ConfigMap/ns/edited\"\n"), text);
    assertTrue(text.contains("- \"v1/ConfigMap/ns/gone\"\n"), text);
    assertTrue(text.contains("+ \"v1/ConfigMap/ns/new\"\n"), text);
    assertTrue(text.contains("# (1 unchanged hidden)"), text);
    assertFalse(text.contains("ns/same"), text);
    for (char c : new char[] {'a', 'b', 'c', 'd', 'e'}) {
      assertFalse(text.contains(digest(c)), text);
    }
  }

  @Test
  void plainStringMapIsShownInFull() throws Exception {
    ObjectNode planned = json("{\"labels\": {\"team\": \"a\", \"digest\": \"" + digest('a')
        + "\"}}");
    ResourceChange change = new ResourceChange("app", "t.x", "t", new PlanAction.Create(),
        Optional.empty(), Optional.of(planned), List.of(), List.of(), false);

    String text = render(change, List.of());

    assertTrue(text.contains("team   = \"a\""), text);
    assertTrue(text.contains(digest('a')), text);
  }
}
