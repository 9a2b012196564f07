package dev.provisioner.cli;

import dev.provisioner.state.OutputState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of recorded outputs, one {@code name = value} line each in name order, with a
 * sensitive value shown as {@code (sensitive value)}. Shared by {@code output} and the end of
 * {@code apply}.
 */
final class OutputLines {

  private OutputLines() {
  }

  /** Returns one line per output, sorted by name. */
  static List<String> render(Map<String, OutputState> outputs) {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(outputs).forEach((name, value) -> lines.add(name + " = "
        + (value.sensitive() ? ValueDiffWriter.SENSITIVE : value.value().toString())));
    return lines;
  }
}
