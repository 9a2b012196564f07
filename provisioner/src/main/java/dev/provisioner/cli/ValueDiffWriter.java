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
import java.util.regex.Pattern;

/**
 * Writes attribute-level diffs in the style of a Terraform plan: {@code +} added, {@code -}
 * removed, {@code ~} changed, {@code ->} between old and new. Nested objects and maps show only
 * the keys that differ. Lists of equal length show only changed items; other lists show the
 * removed and the added items. A map whose values are all hex SHA-256 digests is shown by its
 * size, and its changes by key alone. Such hashes mean nothing to a reviewer, and the JSON plan
 * keeps them.
 */
final class ValueDiffWriter {

  static final String SENSITIVE = "(sensitive value)";
  static final String UNKNOWN = "(known after apply)";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

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
    if (!sensitive && isDigestMap(before) && isDigestMap(after)
        && !(before.isEmpty() && after.isEmpty())) {
      out.append(indent).append(style.yellow("~ ")).append(label).append(" = {").append(suffix)
          .append('\n');
      digestKeys(indent + "    ", before, after);
      out.append(indent).append("  }").append('\n');
      return;
    }
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

  // Writes the keys added, removed or given a new digest, without the digests themselves.
  private void digestKeys(String indent, JsonNode before, JsonNode after) {
    Set<String> keys = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(keys::add);
    after.fieldNames().forEachRemaining(keys::add);
    int unchanged = 0;
    for (String key : keys) {
      JsonNode old = before.get(key);
      JsonNode now = after.get(key);
      if (old == null) {
        out.append(indent).append(style.green("+ ")).append(quoteKey(key)).append('\n');
      } else if (now == null) {
        out.append(indent).append(style.red("- ")).append(quoteKey(key)).append('\n');
      } else if (!old.equals(now)) {
        out.append(indent).append(style.yellow("~ ")).append(quoteKey(key)).append('\n');
      } else {
        unchanged++;
      }
    }
    if (unchanged > 0) {
      out.append(indent).append(style.dim("# (" + unchanged + " unchanged hidden)"))
          .append('\n');
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
    if (isDigestMap(value) && !value.isEmpty()) {
      return style.dim("(" + value.size() + (value.size() == 1 ? " digest)" : " digests)"));
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

  // An empty object counts, so that a map that gains its first digest is shown by key too.
  private static boolean isDigestMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return false;
    }
    for (JsonNode value : node) {
      if (!value.isTextual() || !SHA256_HEX.matcher(value.textValue()).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static String quoteKey(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : "\"" + key + "\"";
  }
}
