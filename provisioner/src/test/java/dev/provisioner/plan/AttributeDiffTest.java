package dev.provisioner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeDiffTest {

  private static final ResourceSchema SCHEMA = new ResourceSchema("t.x", "", List.of(
      FieldSchema.builder("location", FieldType.STRING).forceNew().build(),
      FieldSchema.builder("count", FieldType.INT).build(),
      FieldSchema.builder("tags", FieldType.MAP).build(),
      FieldSchema.builder("pool", FieldType.OBJECT).fields(
          FieldSchema.builder("vmSize", FieldType.STRING).forceNew().build(),
          FieldSchema.builder("count", FieldType.INT).build()).build(),
      FieldSchema.builder("id", FieldType.STRING).computed().build(),
      FieldSchema.builder("digest", FieldType.STRING).computed().build()));

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(text);
  }

  @Test
  void objectComparesOnlyPlannedSubKeys() throws Exception {
    ObjectNode prior = json("{\"pool\": {\"vmSize\": \"D2\", \"count\": 3, \"osDisk\": 128}}");
    ObjectNode planned = json("{\"pool\": {\"vmSize\": \"D2\"}}");

    assertFalse(AttributeDiff.compute(SCHEMA, prior, planned).hasChanges());
  }

  @Test
  void mapIsComparedWhole() throws Exception {
    ObjectNode prior = json("{\"tags\": {\"env\": \"dev\", \"extra\": \"x\"}}");
    ObjectNode planned = json("{\"tags\": {\"env\": \"dev\"}}");

    assertEquals(List.of("tags"), AttributeDiff.compute(SCHEMA, prior, planned).changed());
  }

  @Test
  void forceNewSubFieldForcesReplacement() throws Exception {
    ObjectNode prior = json("{\"pool\": {\"vmSize\": \"D2\", \"count\": 3}}");
    ObjectNode planned = json("{\"pool\": {\"vmSize\": \"D4\", \"count\": 4}}");

    AttributeDiff diff = AttributeDiff.compute(SCHEMA, prior, planned);

    assertEquals(List.of("pool.vmSize", "pool.count"), diff.changed());
    assertEquals(List.of("pool.vmSize"), diff.forcingReplacement());
  }

  @Test
  void unknownComputedValueIsNoChange() throws Exception {
    ObjectNode prior = json("{\"id\": \"1\"}");
    ObjectNode planned = json("{}");
    planned.set("id", Values.unknown());

    assertFalse(AttributeDiff.compute(SCHEMA, prior, planned).hasChanges());
  }

  @Test
  void knownComputedValueIsCompared() throws Exception {
    ObjectNode prior = json("{\"digest\": \"a\"}");
    ObjectNode planned = json("{\"digest\": \"b\"}");

    assertEquals(List.of("digest"), AttributeDiff.compute(SCHEMA, prior, planned).changed());
  }

  @Test
  void unknownInputValueIsChange() throws Exception {
    ObjectNode prior = json("{\"location\": \"westeurope\"}");
    ObjectNode planned = json("{}");
    planned.set("location", Values.unknown());

    assertTrue(AttributeDiff.compute(SCHEMA, prior, planned).requiresReplace());
  }

  @Test
  void numbersCompareByValue() throws Exception {
    ObjectNode prior = json("{}");
    prior.set("count", LongNode.valueOf(3));
    ObjectNode planned = json("{\"count\": 3}");

    assertFalse(AttributeDiff.compute(SCHEMA, prior, planned).hasChanges());
  }

  @Test
  void keysAbsentFromPlannedAreIgnored() throws Exception {
    ObjectNode prior = json("{\"count\": 3, \"serverSide\": true}");
    ObjectNode planned = json("{\"count\": 3}");

    assertFalse(AttributeDiff.compute(SCHEMA, prior, planned).hasChanges());
  }
}
