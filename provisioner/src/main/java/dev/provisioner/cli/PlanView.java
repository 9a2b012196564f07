package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.plan.Drift;
import dev.provisioner.plan.JsonValues;
import dev.provisioner.plan.OutputChange;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanAction;
import dev.provisioner.plan.ResourceChange;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a plan for people: the drift found by the refresh, then the resource changes grouped
 * by action with attribute-level diffs, the output changes, warnings, and the summary line.
 */
final class PlanView {

  private final Style style;

  PlanView(Style style) {
    this.style = style;
  }

  /** Returns the plan as text. */
  String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    renderDrift(plan.drift(), out);
    if (!plan.hasChanges() && !plan.hasResourceWork()) {
      out.append(style.green(style.bold("No changes."))).append(plan.destroy()
          ? " No resources need to be destroyed.\n"
          : " The infrastructure matches the stack.\n");
      renderWarnings(plan, out);
      return out.toString();
    }
    boolean resourcesChange = plan.changes().stream().anyMatch(c -> c.action().isChange());
    if (resourcesChange) {
      out.append("Provisioner will perform the following actions:\n");
    } else {
      out.append("No resource changes. Applying this plan records the new output values in "
          + "state without changing any resource.\n");
    }
    for (Group group : groups()) {
      List<ResourceChange> members = plan.changes().stream()
          .filter(change -> group.matches(change.action())).toList();
      for (ResourceChange change : members) {
        out.append('\n');
        renderChange(change, group, plan.destroy(), out);
      }
    }
    renderOutputs(plan.outputs(), out);
    renderWarnings(plan, out);
    out.append('\n').append(style.bold(plan.counts().summaryLine())).append('\n');
    return out.toString();
  }

  private record Group(Class<? extends PlanAction> type, String symbol, String verb) {
    boolean matches(PlanAction action) {
      return type.isInstance(action);
    }
  }

  private static List<Group> groups() {
    return List.of(
        new Group(PlanAction.Create.class, "+", "will be created"),
        new Group(PlanAction.Update.class, "~", "will be updated in place"),
        new Group(PlanAction.Replace.class, "-/+", "must be replaced"),
        new Group(PlanAction.Delete.class, "-", "will be destroyed"),
        new Group(PlanAction.Read.class, "<=", "was found live and will be recorded in state"),
        new Group(PlanAction.Forget.class, "-", "was never created (its create did not finish "
            + "and it does not exist) and will be removed from state"));
  }

  private void renderChange(ResourceChange change, Group group, boolean destroyPlan,
      StringBuilder out) {
    String header = "  # " + change.address() + " " + group.verb();
    // In a destroy plan every deletion has the same reason, which the command already states.
    if (change.action() instanceof PlanAction.Delete delete && !destroyPlan) {
      header += " (" + delete.reason() + ")";
    }
    if (change.action() instanceof PlanAction.Replace replace && replace.createBeforeDestroy()) {
      header += " (new resource created first)";
    }
    out.append(style.bold(header)).append('\n');
    out.append(colored(group.symbol(), group.symbol())).append(" resource \"")
        .append(change.address()).append("\" (").append(change.type()).append(") {\n");
    ValueDiffWriter writer = new ValueDiffWriter(out, style, change.sensitivePaths());
    String indent = "      ";
    PlanAction action = change.action();
    if (action instanceof PlanAction.Create) {
      ObjectNode planned = change.planned().orElseThrow();
      int width = widthOf(planned.fieldNames());
      planned.fields().forEachRemaining(field -> writer.added(indent, field.getKey(),
          ValueDiffWriter.pad(field.getKey(), width), field.getValue()));
    } else if (action instanceof PlanAction.Delete || action instanceof PlanAction.Read
        || action instanceof PlanAction.Forget) {
      ObjectNode prior = change.prior().orElseThrow();
      Optional.ofNullable(prior.get("id")).ifPresent(id ->
          out.append(indent).append("  id = ").append(writer.render("id", id, indent))
              .append('\n'));
    } else {
      List<String> changed = action instanceof PlanAction.Update update ? update.changed()
          : ((PlanAction.Replace) action).changed();
      List<String> forcing = action instanceof PlanAction.Replace replace ? replace.forcedBy()
          : List.of();
      List<String> shown = renderChangedPaths(change, changed, forcing, writer, indent);
      if (forcing.contains("tainted")) {
        out.append(indent).append(style.red("# tainted by a failed apply, so it is replaced"))
            .append('\n');
      }
      int unchanged = change.planned().orElseThrow().size() - topLevel(shown).size();
      if (unchanged > 0) {
        out.append(indent).append(style.dim("# (" + unchanged + " unchanged attributes hidden)"))
            .append('\n');
      }
    }
    out.append("    }\n");
  }

  // Returns the paths it wrote.
  private List<String> renderChangedPaths(ResourceChange change, List<String> changed,
      List<String> forcing, ValueDiffWriter writer, String indent) {
    ObjectNode prior = change.prior().orElseThrow();
    ObjectNode planned = change.planned().orElseThrow();
    List<String> shown = new ArrayList<>(changed);
    // Computed attributes the new resource gets anew are shown as unknown.
    if (change.action() instanceof PlanAction.Replace) {
      planned.fields().forEachRemaining(field -> {
        if (Values.isUnknown(field.getValue()) && !changed.contains(field.getKey())) {
          shown.add(field.getKey());
        }
      });
    }
    int width = widthOf(shown.iterator());
    for (String path : shown) {
      JsonNode before = JsonValues.get(prior, path).orElse(null);
      JsonNode after = JsonValues.get(planned, path).orElse(null);
      String note = forcing.contains(path) ? "# forces replacement" : "";
      writer.changed(indent, path, ValueDiffWriter.pad(path, width), before, after, note);
    }
    return shown;
  }

  private static int widthOf(java.util.Iterator<String> labels) {
    int width = 0;
    while (labels.hasNext()) {
      width = Math.max(width, labels.next().length());
    }
    return width;
  }

  private static List<String> topLevel(List<String> paths) {
    List<String> result = new ArrayList<>();
    for (String path : paths) {
      String top = path.split("\\.")[0];
      if (!result.contains(top)) {
        result.add(top);
      }
    }
    return result;
  }

  /** Returns only the drift section, empty when there is no drift. */
  String renderDrift(List<Drift> drift) {
    StringBuilder out = new StringBuilder();
    renderDrift(drift, out);
    return out.toString();
  }

  private void renderDrift(List<Drift> drift, StringBuilder out) {
    if (drift.isEmpty()) {
      return;
    }
    out.append(style.bold("Objects have changed outside of provisioner")).append('\n');
    out.append("Provisioner found these changes since the last apply:\n");
    for (Drift entry : drift) {
      out.append('\n');
      if (entry.gone()) {
        out.append(style.bold("  # " + entry.address() + " has been deleted")).append('\n');
        continue;
      }
      out.append(style.bold("  # " + entry.address() + " has changed")).append('\n');
      out.append(style.yellow("  ~")).append(" resource \"").append(entry.address())
          .append("\" (").append(entry.type()).append(") {\n");
      ValueDiffWriter writer = new ValueDiffWriter(out, style, entry.sensitivePaths());
      ObjectNode live = entry.live().orElseThrow();
      for (String path : entry.changed()) {
        writer.changed("      ", path, path, JsonValues.get(entry.recorded(), path).orElse(null),
            JsonValues.get(live, path).orElse(null), "");
      }
      out.append("    }\n");
    }
    out.append('\n');
  }

  private void renderOutputs(List<OutputChange> outputs, StringBuilder out) {
    List<OutputChange> changed = outputs.stream().filter(OutputChange::isChange).toList();
    if (changed.isEmpty()) {
      return;
    }
    out.append("\nChanges to outputs:\n");
    for (OutputChange output : changed) {
      List<String> sensitive = output.sensitive() ? List.of(output.name()) : List.of();
      ValueDiffWriter writer = new ValueDiffWriter(out, style, sensitive);
      // A saved plan leaves sensitive output values out, so either side may be missing.
      JsonNode before = output.before().orElse(NullNode.getInstance());
      JsonNode after = output.after().orElse(NullNode.getInstance());
      if (output.action().equals("create")) {
        writer.added("  ", output.name(), output.name(), after);
      } else if (output.action().equals("delete")) {
        writer.removed("  ", output.name(), output.name(), before);
      } else {
        writer.changed("  ", output.name(), output.name(), before, after, "");
      }
    }
  }

  private void renderWarnings(Plan plan, StringBuilder out) {
    for (String warning : plan.warnings()) {
      out.append('\n').append(style.yellow(style.bold("Warning: "))).append(warning)
          .append('\n');
    }
  }

  private String colored(String symbol, String text) {
    Map<String, String> colors = Map.of("+", "green", "-", "red", "~", "yellow", "-/+",
        "red", "<=", "cyan");
    String color = colors.getOrDefault(symbol, "");
    String padded = String.format("%3s", text);
    switch (color) {
      case "green":
        return style.green(padded);
      case "red":
        return style.red(padded);
      case "yellow":
        return style.yellow(padded);
      default:
        return style.cyan(padded);
    }
  }
}
