package dev.provisioner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void closeTypoIsSuggested() {
    assertEquals(Optional.of("resources"),
        Suggestions.closest("resource", List.of("stack", "resources", "outputs")));
  }

  @Test
  void differentCaseIsSuggested() {
    assertEquals(Optional.of("dnsPrefix"),
        Suggestions.closest("dnsprefix", List.of("dnsPrefix", "name")));
  }

  @Test
  void unrelatedNameGetsNoSuggestion() {
    assertEquals(Optional.empty(),
        Suggestions.closest("providers", List.of("stack", "resources", "outputs")));
  }

  @Test
  void distanceCountsEdits() {
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(0, Suggestions.distance("same", "same"));
  }
}
