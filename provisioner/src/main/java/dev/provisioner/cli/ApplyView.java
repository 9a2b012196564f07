package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.apply.ApplyEvent;
import dev.provisioner.apply.ApplyResult;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.StateDocument;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Renders apply events as they arrive, one line each: text for people ("aks: Still creating...
 * (1m10s elapsed)") or, with {@code --json}, one JSON object per line. Thread-safe.
 */
final class ApplyView {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final Style style;
  private final boolean json;

  ApplyView(PrintWriter out, Style style, boolean json) {
    this.out = out;
    this.style = style;
    this.json = json;
  }

  /** Prints one event. */
  synchronized void event(ApplyEvent event) {
    if (json) {
      out.println(toJson(event));
    } else {
      out.println(toText(event));
    }
    out.flush();
  }

  /** Prints the final summary and every error with its resource address. */
  synchronized void result(ApplyResult result, boolean destroy) {
    if (json) {
      ObjectNode line = JSON.createObjectNode();
      line.put("type", "summary");
      line.put("added", result.added());
      line.put("changed", result.changed());
      line.put("destroyed", result.destroyed());
      line.put("stopped", result.stopped());
      com.fasterxml.jackson.databind.node.ArrayNode errors = line.putArray("errors");
      result.errors().forEach(errors::add);
      out.println(line);
      out.flush();
      return;
    }
    out.println();
    for (String error : result.errors()) {
      out.println(style.red(style.bold("Error: ")) + error);
    }
    if (result.stopped()) {
      out.println(style.yellow("Stopped: running operations finished and were recorded; "
          + "run apply again to carry out the rest."));
    }
    String word = destroy ? "Destroy" : "Apply";
    String outcome = "failed.";
    if (result.isSuccess()) {
      outcome = "complete!";
    } else if (result.errors().isEmpty()) {
      // Only the user's interrupt ended the run early, so nothing failed.
      outcome = "interrupted.";
    }
    String counts = destroy ? result.destroyed() + " destroyed."
        : result.added() + " added, " + result.changed() + " changed, " + result.destroyed()
            + " destroyed.";
    String line = word + " " + outcome + " Resources: " + counts;
    out.println(result.isSuccess() ? style.green(style.bold(line)) : style.red(line));
    if (!destroy) {
      printOutputs(result);
    }
    out.flush();
  }

  // Like Terraform, the outputs follow the summary, also after a failed apply, as far as the
  // state records them.
  private void printOutputs(ApplyResult result) {
    Map<String, OutputState> outputs = result.state().map(StateDocument::outputs)
        .orElse(Map.of());
    if (outputs.isEmpty()) {
      return;
    }
    out.println();
    out.println(style.green("Outputs:"));
    out.println();
    OutputLines.render(outputs).forEach(out::println);
  }

  private String toText(ApplyEvent event) {
    String prefix = style.bold(event.address() + ": ");
    if (event instanceof ApplyEvent.Started started) {
      return prefix + started.operation().startWord() + "...";
    }
    if (event instanceof ApplyEvent.StillRunning still) {
      return prefix + still.operation().stillWord() + "... ("
          + Durations.format(still.elapsed()) + " elapsed)";
    }
    if (event instanceof ApplyEvent.Progress progress) {
      return prefix + style.dim(progress.message());
    }
    if (event instanceof ApplyEvent.Completed done) {
      return prefix + done.operation().doneWord() + " after " + Durations.format(done.elapsed())
          + done.id().map(id -> " [id=" + id + "]").orElse("");
    }
    ApplyEvent.Failed failed = (ApplyEvent.Failed) event;
    return prefix + style.red(failed.operation().name().toLowerCase(Locale.ROOT)
        + " failed after " + Durations.format(failed.elapsed()) + ": " + failed.message());
  }

  private static String toJson(ApplyEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("address", event.address());
    if (event instanceof ApplyEvent.Started started) {
      line.put("type", "started");
      line.put("operation", started.operation().name().toLowerCase(Locale.ROOT));
    } else if (event instanceof ApplyEvent.StillRunning still) {
      line.put("type", "stillRunning");
      line.put("operation", still.operation().name().toLowerCase(Locale.ROOT));
      line.put("elapsedSeconds", still.elapsed().toSeconds());
    } else if (event instanceof ApplyEvent.Progress progress) {
      line.put("type", "progress");
      line.put("message", progress.message());
    } else if (event instanceof ApplyEvent.Completed done) {
      line.put("type", "completed");
      line.put("operation", done.operation().name().toLowerCase(Locale.ROOT));
      line.put("elapsedSeconds", done.elapsed().toMillis() / 1000.0);
      done.id().ifPresent(id -> line.put("id", id));
    } else {
      ApplyEvent.Failed failed = (ApplyEvent.Failed) event;
      line.put("type", "failed");
      line.put("operation", failed.operation().name().toLowerCase(Locale.ROOT));
      line.put("elapsedSeconds", failed.elapsed().toMillis() / 1000.0);
      line.put("message", failed.message());
    }
    return line.toString();
  }
}
