package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.VariableValue;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The variable values a saved plan was made with, so that {@code apply PLANFILE} loads the
 * stack with the same values without {@code --var}.
 *
 * <p>Values of sensitive variables are not stored. The file keeps a salted PBKDF2-SHA256 hash of
 * each instead, and apply takes the value again from {@code PROVISIONER_VAR_<name>} (or the
 * declared default) and rejects the plan unless it hashes to the same.
 *
 * @param values the values of the non-sensitive variables by name
 * @param sensitiveHashes {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} per sensitive variable
 */
public record PlanVariables(Map<String, JsonNode> values, Map<String, String> sensitiveHashes) {

  private static final String ALGORITHM = "pbkdf2-sha256";
  private static final int ITERATIONS = 100_000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  public PlanVariables {
    values = Map.copyOf(values);
    sensitiveHashes = Map.copyOf(sensitiveHashes);
  }

  /** Returns the values to store for {@code variables}, as the stack loader resolved them. */
  public static PlanVariables of(Map<String, VariableValue> variables) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    SecureRandom random = new SecureRandom();
    variables.forEach((name, variable) -> {
      if (variable.sensitive()) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        hashes.put(name, ALGORITHM + ":" + ITERATIONS + ":"
            + Base64.getEncoder().encodeToString(salt) + ":"
            + Base64.getEncoder().encodeToString(hash(variable.value(), salt, ITERATIONS)));
      } else {
        values.put(name, variable.value());
      }
    });
    return new PlanVariables(values, hashes);
  }

  /**
   * Returns the stored values as {@code --var} text: strings as they are, other values in JSON,
   * which the loader reads as YAML flow syntax.
   */
  // NOTE: a string value of an 'any' variable that reads as another YAML type (such as "123")
  // comes back as that type, because the loader parses 'any' text as YAML.
  public Map<String, String> assignments() {
    Map<String, String> result = new LinkedHashMap<>();
    values.forEach((name, value) ->
        result.put(name, value.isTextual() ? value.asText() : value.toString()));
    return result;
  }

  /**
   * Checks that every sensitive variable resolved at apply has the value the plan was made
   * with.
   *
   * @throws StalePlanException naming the first variable whose value is missing or differs
   */
  public void checkSensitive(Map<String, VariableValue> resolved) {
    for (Map.Entry<String, String> entry : sensitiveHashes.entrySet()) {
      String name = entry.getKey();
      VariableValue now = resolved.get(name);
      if (now == null || !matches(entry.getValue(), now.value())) {
        throw new StalePlanException(
            "cannot apply the saved plan: sensitive variable '" + name + "' does not have the "
                + "value the plan was made with; the saved plan stores only a hash of it, so set "
                + "PROVISIONER_VAR_" + name + " to the same value when applying it, or run plan "
                + "again");
      }
    }
  }

  /** Returns the JSON form stored in the plan file. */
  public ObjectNode toJson() {
    ObjectNode node = JSON.objectNode();
    ObjectNode plain = node.putObject("values");
    values.forEach(plain::set);
    ObjectNode hashed = node.putObject("sensitiveHashes");
    sensitiveHashes.forEach(hashed::put);
    return node;
  }

  /** Reads the form {@link #toJson()} writes; a missing node reads as no variables. */
  public static PlanVariables fromJson(JsonNode node) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    node.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    Map<String, String> hashes = new LinkedHashMap<>();
    node.path("sensitiveHashes").fields()
        .forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
    return new PlanVariables(values, hashes);
  }

  private static boolean matches(String stored, JsonNode value) {
    String[] parts = stored.split(":");
    if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, hash(value, salt, Integer.parseInt(parts[1])));
  }

  private static byte[] hash(JsonNode value, byte[] salt, int iterations) {
    try {
      char[] text = value.toString().toCharArray();
      PBEKeySpec spec = new PBEKeySpec(text, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
    }
  }
}
