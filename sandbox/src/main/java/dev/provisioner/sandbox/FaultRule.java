package dev.provisioner.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One injected fault or latency of the sandbox's ARM endpoint. A rule matches requests by HTTP
 * method ({@code *} for any) and a regular expression found anywhere in the request path
 * (case-insensitive), and applies to the next {@code count} matching requests ({@code -1}: all).
 *
 * <p>What it does, in this order: wait {@code delay} before answering; then, when
 * {@code status} is not 0, answer with that status (429 carries {@code Retry-After}); else, when
 * {@code failOperationCode} is not empty, let the request start its operation as usual but end
 * that operation {@code Failed} with that code. Build rules with the static factories.
 *
 * @param method HTTP method in upper case, or {@code *}
 * @param path regular expression searched in the request path
 * @param delay latency added before the answer; zero for none
 * @param status HTTP status to answer with (429, 500, 503...), 0 for none
 * @param retryAfterSeconds value of {@code Retry-After} sent with {@code status}
 * @param failOperationCode ARM error code that ends the request's operation, empty for none
 * @param failOperationMessage message of that error
 * @param count how many matching requests the rule still applies to; -1 for no limit
 */
public record FaultRule(
    String method,
    Pattern path,
    Duration delay,
    int status,
    int retryAfterSeconds,
    String failOperationCode,
    String failOperationMessage,
    int count) {

  public FaultRule {
    method = method.toUpperCase(Locale.ROOT);
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(failOperationCode, "failOperationCode");
    Objects.requireNonNull(failOperationMessage, "failOperationMessage");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("fault delay must not be negative: " + delay);
    }
    if (status != 0 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException(
          "fault status must be an HTTP error status (400-599), got " + status);
    }
    if (count == 0 || count < -1) {
      throw new IllegalArgumentException("fault count must be positive or -1, got " + count);
    }
  }

  /** Adds {@code delay} to every matching request. */
  public static FaultRule delay(String method, String pathRegex, Duration delay) {
    return new FaultRule(method, compile(pathRegex), delay, 0, 0, "", "", -1);
  }

  /** Answers matching requests with {@code status} (and {@code Retry-After} seconds). */
  public static FaultRule status(
      String method, String pathRegex, int status, int retryAfterSeconds) {
    return new FaultRule(
        method, compile(pathRegex), Duration.ZERO, status, retryAfterSeconds, "", "", -1);
  }

  /** Lets matching requests start their operation, which then ends {@code Failed}. */
  public static FaultRule failOperation(
      String method, String pathRegex, String code, String message) {
    return new FaultRule(method, compile(pathRegex), Duration.ZERO, 0, 0, code, message, -1);
  }

  /** Returns a copy limited to the next {@code times} matching requests. */
  public FaultRule times(int times) {
    return new FaultRule(
        method, path, delay, status, retryAfterSeconds, failOperationCode, failOperationMessage,
        times);
  }

  /** Returns a copy that also waits {@code extra} before answering. */
  public FaultRule withDelay(Duration extra) {
    return new FaultRule(
        method, path, extra, status, retryAfterSeconds, failOperationCode, failOperationMessage,
        count);
  }

  boolean matches(String requestMethod, String requestPath) {
    return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
        && path.matcher(requestPath).find();
  }

  FaultRule decremented() {
    return count == -1 ? this : times(count - 1);
  }

  static Pattern compile(String pathRegex) {
    return Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE);
  }
}
