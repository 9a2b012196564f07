package dev.provisioner.config;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the "did you mean" candidate for a misspelt name by edit distance. */
final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate closest to {@code name}, if one is close enough to be a likely typo:
   * at most two edits, or a third of the name's length for long names, and never more edits
   * than the name has characters.
   */
  static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new TreeSet<>(candidates)) {
      int distance = candidate.equalsIgnoreCase(name) ? 0 : distance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, name.length() / 3);
    if (best == null || bestDistance > allowed || bestDistance >= name.length()) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /**
   * Returns the fix text for an unknown name: "did you mean 'x'?" when a candidate is close,
   * else the list of valid names.
   */
  static String fix(String name, Collection<String> candidates, String noun) {
    Optional<String> closest = closest(name, candidates);
    if (closest.isPresent()) {
      return "did you mean '" + closest.get() + "'?";
    }
    if (candidates.isEmpty()) {
      return "there are no " + noun + "s here";
    }
    return "valid " + noun + "s are: " + String.join(", ", new TreeSet<>(candidates));
  }

  /** Returns the Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
