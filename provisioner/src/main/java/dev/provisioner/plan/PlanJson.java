package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The plan as a JSON document, the form {@code plan --json} prints and {@code plan --out}
 * saves; docs/plan-json.md documents it and docs/plan-json.schema.json describes it.
 *
 * <p>Sensitive values are left out: each object lists its sensitive paths and the values at
 * those paths are removed. Unknown values are written as {@code null} and listed under
 * {@code unknownPaths}, so that a reader can tell "known after apply" from a real null.
 */
public final class PlanJson {

  /** The version of this document's format. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PlanJson() {}

  /** Returns the JSON document of {@code plan}. */
  public static ObjectNode encode(Plan plan) {
    ObjectNode root = JSON.objectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("stack", plan.stackName());
    root.put("stackHash", plan.stackHash());
    if (plan.lineage().isPresent()) {
      ObjectNode state = root.putObject("state");
      state.put("lineage", plan.lineage().get());
      state.put("serial", plan.serial());
    } else {
      root.putNull("state");
    }
    root.put("destroy", plan.destroy());
    root.put("hasChanges", plan.hasChanges());
    Plan.Counts counts = plan.counts();
    ObjectNode summary = root.putObject("summary");
    summary.put("add", counts.add());
    summary.put("change", counts.change());
    summary.put("replace", counts.replace());
    summary.put("destroy", counts.destroy());
    strings(root.putArray("targets"), plan.targets());
    strings(root.putArray("warnings"), plan.warnings());
    ArrayNode drift = root.putArray("drift");
    plan.drift().forEach(entry -> drift.add(encodeDrift(entry)));
    ArrayNode changes = root.putArray("resourceChanges");
    plan.changes().forEach(change -> changes.add(encodeChange(change)));
    ArrayNode outputs = root.putArray("outputChanges");
    plan.outputs().forEach(output -> outputs.add(encodeOutput(output)));
    return root;
  }

  /**
   * Reads a plan document back. Unknown values are restored as unknown; sensitive values stay
   * left out.
   *
   * @throws IllegalArgumentException when the document is not a plan of this format version
   */
  public static Plan decode(JsonNode root) {
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("plan format version " + version + " is not "
          + FORMAT_VERSION + "; make the plan again with this provisioner release");
    }
    JsonNode state = root.path("state");
    List<ResourceChange> changes = new ArrayList<>();
    root.path("resourceChanges").forEach(node -> changes.add(decodeChange(node)));
    List<Drift> drift = new ArrayList<>();
    root.path("drift").forEach(node -> drift.add(new Drift(
        node.path("address").asText(),
        node.path("type").asText(),
        node.path("gone").asBoolean(),
        strings(node.path("changed")),
        objectOf(node.path("recorded")).orElse(JSON.objectNode()),
        objectOf(node.path("live")),
        strings(node.path("sensitivePaths")))));
    List<OutputChange> outputs = new ArrayList<>();
    root.path("outputChanges").forEach(node -> outputs.add(new OutputChange(
        node.path("name").asText(),
        node.path("action").asText(),
        valueOf(node.path("before")),
        node.path("afterUnknown").asBoolean() ? Optional.of(Values.unknown())
            : valueOf(node.path("after")),
        node.path("sensitive").asBoolean())));
    return new Plan(
        root.path("stack").asText(),
        root.path("stackHash").asText(),
        state.isObject() ? Optional.of(state.path("lineage").asText()) : Optional.empty(),
        state.isObject() ? state.path("serial").asLong() : -1,
        root.path("destroy").asBoolean(),
        changes,
        drift,
        outputs,
        strings(root.path("targets")),
        strings(root.path("warnings")));
  }

  private static ObjectNode encodeChange(ResourceChange change) {
    ObjectNode node = JSON.objectNode();
    node.put("address", change.address());
    node.put("type", change.type());
    node.put("provider", change.provider());
    PlanAction action = change.action();
    node.put("action", action.name());
    List<String> changed = List.of();
    List<String> forcedBy = List.of();
    boolean createBeforeDestroy = false;
    String reason = "";
    if (action instanceof PlanAction.Update update) {
      changed = update.changed();
    } else if (action instanceof PlanAction.Replace replace) {
      changed = replace.changed();
      forcedBy = replace.forcedBy();
      createBeforeDestroy = replace.createBeforeDestroy();
    } else if (action instanceof PlanAction.Delete delete) {
      reason = delete.reason();
    }
    strings(node.putArray("changed"), changed);
    strings(node.putArray("forcedBy"), forcedBy);
    node.put("createBeforeDestroy", createBeforeDestroy);
    node.put("reason", reason);
    node.put("recovered", change.recovered());
    strings(node.putArray("dependencies"), change.dependencies());
    strings(node.putArray("sensitivePaths"), change.sensitivePaths());
    node.set("prior", change.prior().<JsonNode>map(p -> masked(p, change.sensitivePaths()))
        .orElse(JSON.nullNode()));
    node.set("planned", change.planned().<JsonNode>map(p -> masked(p, change.sensitivePaths()))
        .orElse(JSON.nullNode()));
    strings(node.putArray("unknownPaths"), change.planned()
        .map(p -> JsonValues.unknownPaths(p, "")).orElse(List.of()));
    return node;
  }

  private static ResourceChange decodeChange(JsonNode node) {
    List<String> changed = strings(node.path("changed"));
    PlanAction action = switchAction(node.path("action").asText(), changed,
        strings(node.path("forcedBy")), node.path("createBeforeDestroy").asBoolean(),
        node.path("reason").asText());
    Optional<ObjectNode> planned = objectOf(node.path("planned"));
    planned.ifPresent(p -> strings(node.path("unknownPaths"))
        .forEach(path -> JsonValues.put(p, path, Optional.of(Values.unknown()))));
    return new ResourceChange(
        node.path("address").asText(),
        node.path("type").asText(),
        node.path("provider").asText(),
        action,
        objectOf(node.path("prior")),
        planned,
        strings(node.path("sensitivePaths")),
        strings(node.path("dependencies")),
        node.path("recovered").asBoolean());
  }

  private static PlanAction switchAction(
      String name, List<String> changed, List<String> forcedBy, boolean cbd, String reason) {
    if (name.equals("create")) {
      return new PlanAction.Create();
    }
    if (name.equals("update")) {
      return new PlanAction.Update(changed);
    }
    if (name.equals("replace")) {
      return new PlanAction.Replace(changed, forcedBy, cbd);
    }
    if (name.equals("delete")) {
      return new PlanAction.Delete(reason);
    }
    if (name.equals("read")) {
      return new PlanAction.Read();
    }
    if (name.equals("forget")) {
      return new PlanAction.Forget();
    }
    if (name.equals("no-op")) {
      return new PlanAction.NoOp();
    }
    throw new IllegalArgumentException("unknown plan action '" + name + "'");
  }

  private static ObjectNode encodeDrift(Drift drift) {
    ObjectNode node = JSON.objectNode();
    node.put("address", drift.address());
    node.put("type", drift.type());
    node.put("gone", drift.gone());
    strings(node.putArray("changed"), drift.changed());
    strings(node.putArray("sensitivePaths"), drift.sensitivePaths());
    node.set("recorded", masked(drift.recorded(), drift.sensitivePaths()));
    node.set("live", drift.live().<JsonNode>map(l -> masked(l, drift.sensitivePaths()))
        .orElse(JSON.nullNode()));
    return node;
  }

  private static ObjectNode encodeOutput(OutputChange output) {
    ObjectNode node = JSON.objectNode();
    node.put("name", output.name());
    node.put("action", output.action());
    node.put("sensitive", output.sensitive());
    boolean unknown = output.after().map(Values::containsUnknown).orElse(false);
    node.put("afterUnknown", unknown);
    if (output.sensitive()) {
      node.putNull("before");
      node.putNull("after");
    } else {
      node.set("before", output.before().orElse(JSON.nullNode()));
      node.set("after", output.after().map(JsonValues::withoutUnknown).orElse(JSON.nullNode()));
    }
    return node;
  }

  /** Returns a copy with the values at {@code sensitivePaths} removed and unknowns as null. */
  static ObjectNode masked(ObjectNode attributes, Collection<String> sensitivePaths) {
    ObjectNode copy = (ObjectNode) JsonValues.withoutUnknown(attributes);
    sensitivePaths.forEach(path -> JsonValues.put(copy, path, Optional.empty()));
    return copy;
  }

  private static Optional<ObjectNode> objectOf(JsonNode node) {
    return node.isObject() ? Optional.of((ObjectNode) node.deepCopy()) : Optional.empty();
  }

  private static Optional<JsonNode> valueOf(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  private static void strings(ArrayNode into, Collection<String> values) {
    values.forEach(into::add);
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(item -> result.add(item.asText()));
    return result;
  }
}
