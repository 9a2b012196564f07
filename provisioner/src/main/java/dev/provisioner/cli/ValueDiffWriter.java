package dev.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.plan.JsonValues;
import dev.provisioner.plan.ResourceValues;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes attribute-level diffs in the style of a Terraform plan: {@code +} added, {@code -}
 * removed, {@code ~} changed, {@code ->} between old and new. Nested objects and maps show only
 * the keys that differ. Lists of equal length show only changed items; other lists show the
 * removed and the added items.
 */
final class ValueDiffWriter {

  static final String SENSITIVE = "(sensitive value)";
  static final String UNKNOWN = "(known after apply)";

  private final StringBuilder out;
  private final Style style;
  private final Collection<String> sensitivePaths;

  ValueDiffWriter(StringBuilder out, Style style, Collection<String> sensitivePaths) {
    this.out = out;
    this.style = style;
    this.sensitivePaths = sensitivePaths;
  }

  /** Writes every entry of {@code value} as added, at {@code indent}. */
  void added(String indent, String path, String label, JsonNode value) {
    out.append(indent).append(style.green("+ ")).append(label).append(" = ")
        .append(render(path, value, indent)).append('\n');
  }

  /** Writes {@code label} as removed. */
  void removed(String indent, String path, String label, JsonNode value) {
    out.append(indent).append(style.red("- ")).append(label).append(" = ")
        .append(render(path, value, indent)).append(style.dim(" -> null")).append('\n');
  }

  /**
   * Writes the change of {@code label} from {@code before} to {@code after}, descending into
   * objects, maps and lists.
   *
   * @param note text appended to the line, for example "# forces replacement", or empty
   */
  void changed(String indent, String path, String label, JsonNode before, JsonNode after,
      String note) {
    String suffix = note.isEmpty() ? "" : " " + style.red(note);
    boolean sensitive = ResourceValues.isSensitive(path, sensitivePaths);
    if (!sensitive && isContainer(before) && isContainer(after) && before.getNodeType()
        == after.getNodeType() && !Values.containsUnknown(after)) {
      String open = before.isArray() ? "[" : "{";
      String close = before.isArray() ? "]" : "}";
      out.append(indent).append(style.yellow("~ ")).append(label).append(" = ").append(open)
          .append(suffix).append('\n');
      if (before.isArray()) {
        listEntries(indent + "    ", path, before, after);
      } else {
        objectEntries(indent + "    ", path, before, after);
      }
      out.append(indent).append("  ").append(close).append('\n');
      return;
    }
    out.append(indent).append(style.yellow("~ ")).append(label).append(" = ")
        .append(render(path, before, indent)).append(" -> ")
        .append(render(path, after, indent)).append(suffix).append('\n');
  }

  private void objectEntries(String indent, String path, JsonNode before, JsonNode after) {
    Set<String> keys = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(keys::add);
    after.fieldNames().forEachRemaining(keys::add);
    int width = keys.stream().mapToInt(key -> quoteKey(key).length()).max().orElse(0);
    for (String key : keys) {
      String childPath = JsonValues.join(path, key);
      String label = pad(quoteKey(key), width);
      JsonNode old = before.get(key);
      JsonNode now = after.get(key);
      if (absent(old) && !absent(now)) {
        added(indent, childPath, label, now);
      } else if (!absent(old) && absent(now)) {
        removed(indent, childPath, label, old);
      } else if (!JsonValues.same(old, now)) {
        changed(indent, childPath, label, old, now, "");
      }
    }
  }

  private void listEntries(String indent, String path, JsonNode before, JsonNode after) {
    if (before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        if (!JsonValues.same(before.get(i), after.get(i))) {
          changed(indent, path + "[" + i + "]", "[" + i + "]", before.get(i), after.get(i), "");
        }
      }
      return;
    }
    List<JsonNode> remaining = new ArrayList<>();
    after.forEach(remaining::add);
    for (JsonNode item : before) {
      if (!removeSame(remaining, item)) {
        out.append(indent).append(style.red("- ")).append(render(path, item, indent))
            .append('\n');
      }
    }
    List<JsonNode> originals = new ArrayList<>();
    before.forEach(originals::add);
    for (JsonNode item : after) {
      if (!removeSame(originals, item)) {
        out.append(indent).append(style.green("+ ")).append(render(path, item, indent))
            .append('\n');
      }
    }
  }

  private static boolean removeSame(List<JsonNode> items, JsonNode item) {
    Iterator<JsonNode> iterator = items.iterator();
    while (iterator.hasNext()) {
      if (JsonValues.same(iterator.next(), item)) {
        iterator.remove();
        return true;
      }
    }
    return false;
  }

  /** Returns {@code value} as one line or an indented block, masked and unknowns named. */
  String render(String path, JsonNode value, String indent) {
    if (ResourceValues.isSensitive(path, sensitivePaths)) {
      return style.dim(SENSITIVE);
    }
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (Values.isUnknown(value)) {
      return style.dim(UNKNOWN);
    }
    if (value.isObject() && !value.isEmpty()) {
      StringBuilder text = new StringBuilder("{\n");
      int width = 0;
      for (java.util.Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
        width = Math.max(width, quoteKey(names.next()).length());
      }
      int keyWidth = width;
      value.fields().forEachRemaining(field -> text.append(indent).append("      ")
          .append(pad(quoteKey(field.getKey()), keyWidth)).append(" = ")
          .append(render(JsonValues.join(path, field.getKey()), field.getValue(),
              indent + "    ")).append('\n'));
      return text.append(indent).append("    }").toString();
    }
    if (value.isArray() && !value.isEmpty()) {
      StringBuilder text = new StringBuilder("[\n");
      for (int i = 0; i < value.size(); i++) {
        text.append(indent).append("      ")
            .append(render(path + "[" + i + "]", value.get(i), indent + "    ")).append(",\n");
      }
      return text.append(indent).append("    ]").toString();
    }
    return value.toString();
  }

  /** Returns {@code label} padded with spaces to {@code width}, so that a block's = align. */
  static String pad(String label, int width) {
    StringBuilder padded = new StringBuilder(label);
    while (padded.length() < width) {
      padded.append(' ');
    }
    return padded.toString();
  }

  private static boolean isContainer(JsonNode node) {
    return node != null && (node.isObject() || node.isArray());
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static String quoteKey(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : "\"" + key + "\"";
  }
}
