package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.plan.JsonValues;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Renders recorded state for {@code show} and {@code state show}, sensitive values masked. */
final class StateView {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Style style;

  StateView(Style style) {
    this.style = style;
  }

  /**
   * Returns how {@code state list} and {@code state show} mark a resource that is not simply
   * created: "pending create" or "tainted".
   */
  static Optional<String> statusNote(ResourceState resource) {
    if (resource.status() == ResourceStatus.PENDING_CREATE) {
      return Optional.of("pending create");
    }
    if (resource.status() == ResourceStatus.TAINTED) {
      return Optional.of("tainted");
    }
    return Optional.empty();
  }

  /** Returns one resource as text. */
  String resource(ResourceState resource) {
    StringBuilder out = new StringBuilder();
    out.append(style.bold("# " + resource.address())).append(" (").append(resource.type())
        .append(statusNote(resource).map(note -> ", " + note).orElse(""))
        .append(")\n");
    if (resource.status() == ResourceStatus.PENDING_CREATE) {
      // The attributes of a pending create are the requested values, not what exists.
      out.append("    ").append(style.dim("# its create did not finish; these are the requested "
          + "values, and the next plan or destroy looks it up to learn whether it exists"))
          .append('\n');
    }
    ValueDiffWriter writer = new ValueDiffWriter(new StringBuilder(), style,
        resource.sensitivePaths());
    new TreeMap<String, JsonNode>(fields(resource.attributes())).forEach((name, value) ->
        out.append("    ").append(name).append(" = ").append(writer.render(name, value, ""))
            .append('\n'));
    if (!resource.dependencies().isEmpty()) {
      out.append("    ").append(style.dim("# depends on " + String.join(", ",
          resource.dependencies()))).append('\n');
    }
    return out.toString();
  }

  /** Returns the whole state as text. */
  String state(Optional<StateDocument> state) {
    if (state.isEmpty() || state.get().resources().isEmpty()) {
      return "The state is empty: nothing has been applied yet.\n";
    }
    StringBuilder out = new StringBuilder();
    state.get().resources().stream()
        .sorted(java.util.Comparator.comparing(ResourceState::address))
        .forEach(resource -> out.append(resource(resource)).append('\n'));
    if (!state.get().outputs().isEmpty()) {
      out.append(style.bold("Outputs:")).append('\n');
      new TreeMap<>(state.get().outputs()).forEach((name, output) -> out.append("    ")
          .append(name).append(" = ").append(output.sensitive()
              ? style.dim(ValueDiffWriter.SENSITIVE) : output.value().toString()).append('\n'));
    }
    return out.toString();
  }

  /** Returns the state as JSON with sensitive values left out, as plan JSON does. */
  static ObjectNode json(Optional<StateDocument> state) {
    ObjectNode root = JSON.objectNode();
    root.put("formatVersion", 1);
    if (state.isEmpty()) {
      root.putNull("lineage");
      root.put("serial", -1);
      root.putArray("resources");
      root.putObject("outputs");
      return root;
    }
    root.put("lineage", state.get().lineage());
    root.put("serial", state.get().serial());
    ArrayNode resources = root.putArray("resources");
    for (ResourceState resource : state.get().resources()) {
      resources.add(resourceJson(resource));
    }
    ObjectNode outputs = root.putObject("outputs");
    new TreeMap<>(state.get().outputs()).forEach((name, output) ->
        outputs.set(name, outputJson(output)));
    return root;
  }

  static ObjectNode resourceJson(ResourceState resource) {
    ObjectNode node = JSON.objectNode();
    node.put("address", resource.address());
    node.put("type", resource.type());
    node.put("provider", resource.provider());
    node.put("status", resource.status().name());
    ArrayNode dependencies = node.putArray("dependencies");
    resource.dependencies().forEach(dependencies::add);
    ArrayNode sensitive = node.putArray("sensitivePaths");
    resource.sensitivePaths().forEach(sensitive::add);
    ObjectNode attributes = resource.attributes().deepCopy();
    resource.sensitivePaths().forEach(path -> JsonValues.put(attributes, path, Optional.empty()));
    node.set("attributes", attributes);
    return node;
  }

  private static ObjectNode outputJson(OutputState output) {
    ObjectNode node = JSON.objectNode();
    node.put("sensitive", output.sensitive());
    node.set("value", output.sensitive() ? JSON.nullNode() : output.value());
    return node;
  }

  private static Map<String, JsonNode> fields(ObjectNode node) {
    Map<String, JsonNode> result = new TreeMap<>();
    node.fields().forEachRemaining(field -> result.put(field.getKey(), field.getValue()));
    return result;
  }
}
