package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ObjectDigestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void identityAndStatusDoNotCount() throws Exception {
    JsonNode applied =
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\","
            + "\"namespace\":\"n\"},\"data\":{\"k\":\"v\"}}");
    JsonNode projected = json("{\"data\":{\"k\":\"v\"},\"status\":{\"phase\":\"x\"}}");

    assertEquals(ObjectDigest.of(applied), ObjectDigest.of(projected));
  }

  @Test
  void keyOrderAndEmptyValuesIgnored() throws Exception {
    JsonNode first = json("{\"spec\":{\"a\":1,\"b\":{\"c\":\"d\"},\"e\":null,\"f\":{}}}");
    JsonNode second = json("{\"spec\":{\"b\":{\"c\":\"d\"},\"a\":1}}");

    assertEquals(ObjectDigest.of(first), ObjectDigest.of(second));
  }

  @Test
  void numberAndItsTextCompareEqual() throws Exception {
    JsonNode written = json("{\"spec\":{\"cpu\":1}}");
    JsonNode returned = json("{\"spec\":{\"cpu\":\"1\"}}");

    assertEquals(ObjectDigest.of(written), ObjectDigest.of(returned));
  }

  @Test
  void changedValueChangesDigest() throws Exception {
    JsonNode before = json("{\"data\":{\"k\":\"v\"}}");
    JsonNode after = json("{\"data\":{\"k\":\"w\"}}");

    assertNotEquals(ObjectDigest.of(before), ObjectDigest.of(after));
  }

  @Test
  void listOrderCounts() throws Exception {
    JsonNode before = json("{\"args\":[\"a\",\"b\"]}");
    JsonNode after = json("{\"args\":[\"b\",\"a\"]}");

    assertNotEquals(ObjectDigest.of(before), ObjectDigest.of(after));
  }
}
