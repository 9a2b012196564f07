package dev.provisioner.provider.kubernetes;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as in Kubernetes and Go: {@code 90s}, {@code 5m}, {@code 1h30m}. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text} as a sequence of number-unit pairs.
   *
   * @throws IllegalArgumentException when the text is not such a sequence
   */
  public static Duration parse(String text) {
    Matcher matcher = PART.matcher(text.trim());
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      long amount = Long.parseLong(matcher.group(1));
      total = total.plus(unitOf(matcher.group(2)).multipliedBy(amount));
      end = matcher.end();
    }
    if (end == 0 || end != text.trim().length()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "'; write it like 90s, 5m or 1h30m");
    }
    return total;
  }

  private static Duration unitOf(String unit) {
    switch (unit) {
      case "ms":
        return Duration.ofMillis(1);
      case "s":
        return Duration.ofSeconds(1);
      case "m":
        return Duration.ofMinutes(1);
      default:
        return Duration.ofHours(1);
    }
  }
}
