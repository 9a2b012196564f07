package dev.provisioner.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fault and latency rules of a running sandbox; tests may add and clear rules while it
 * serves. Rules are tried in the order added and the first matching one applies.
 *
 * <p>File form (YAML or JSON), also read from the file named by the environment variable
 * {@value #ENVIRONMENT_VARIABLE}:
 *
 * <pre>
 * faults:
 *   - method: PUT                       # or * (default)
 *     path: managedClusters/[^/]+$      # regular expression searched in the path
 *     delayMs: 2000
 *     status: 429                       # or 500, 503...
 *     retryAfterSeconds: 1
 *     failOperation: { code: QuotaExceeded, message: Quota exceeded for cores }
 *     count: 2                          # default: every matching request
 * </pre>
 */
public final class FaultRules {

  /** Environment variable naming a fault file that {@link #fromEnvironment()} reads. */
  public static final String ENVIRONMENT_VARIABLE = "PROVISIONER_SANDBOX_FAULTS";

  private final List<FaultRule> rules = new ArrayList<>();

  public FaultRules() {}

  public FaultRules(List<FaultRule> rules) {
    this.rules.addAll(rules);
  }

  /** Reads the rules of the file named by {@value #ENVIRONMENT_VARIABLE}; none when unset. */
  public static FaultRules fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static FaultRules fromEnvironment(Map<String, String> environment) {
    String file = environment.get(ENVIRONMENT_VARIABLE);
    if (file == null || file.isBlank()) {
      return new FaultRules();
    }
    return fromFile(Path.of(file));
  }

  /**
   * Reads rules from a YAML or JSON file.
   *
   * @throws SandboxException when the file cannot be read or a rule is invalid
   */
  public static FaultRules fromFile(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new SandboxException("cannot read the sandbox fault file " + file + ": " + e, e);
    }
    JsonNode list = root != null && root.isObject() ? root.path("faults") : root;
    List<FaultRule> parsed = new ArrayList<>();
    if (list == null || !list.isArray()) {
      throw new SandboxException(
          file + ": expected a list of fault rules under 'faults', for example"
              + " 'faults: [{method: PUT, path: managedClusters, status: 500, count: 1}]'");
    }
    for (int i = 0; i < list.size(); i++) {
      parsed.add(parse(file, i, list.get(i)));
    }
    return new FaultRules(parsed);
  }

  private static FaultRule parse(Path file, int index, JsonNode node) {
    try {
      if (!node.hasNonNull("path")) {
        throw new IllegalArgumentException("missing 'path' (a regular expression)");
      }
      JsonNode fail = node.path("failOperation");
      return new FaultRule(
          node.path("method").asText("*"),
          FaultRule.compile(node.get("path").asText()),
          Duration.ofMillis(node.path("delayMs").asLong(0)),
          node.path("status").asInt(0),
          node.path("retryAfterSeconds").asInt(node.path("status").asInt(0) == 429 ? 1 : 0),
          fail.path("code").asText(""),
          fail.path("message").asText(fail.path("code").asText("")),
          node.path("count").asInt(-1));
    } catch (IllegalArgumentException e) {
      throw new SandboxException(
          file + ": fault rule " + (index + 1) + " is invalid: " + e.getMessage(), e);
    }
  }

  /** Adds a rule after the existing ones. */
  public synchronized FaultRules add(FaultRule rule) {
    rules.add(rule);
    return this;
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** Returns the rules still in force. */
  public synchronized List<FaultRule> rules() {
    return List.copyOf(rules);
  }

  /**
   * Returns the first rule matching the request and uses up one of its applications; a rule
   * whose count reaches zero is removed.
   */
  public synchronized Optional<FaultRule> take(String method, String path) {
    for (int i = 0; i < rules.size(); i++) {
      FaultRule rule = rules.get(i);
      if (!rule.matches(method, path)) {
        continue;
      }
      if (rule.count() == 1) {
        rules.remove(i);
      } else {
        rules.set(i, rule.decremented());
      }
      return Optional.of(rule);
    }
    return Optional.empty();
  }
}
