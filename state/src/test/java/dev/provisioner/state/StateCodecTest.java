package dev.provisioner.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static StateDocument sampleState(long serial) {
    ObjectNode attributes = JSON.objectNode();
    attributes.put("name", "dev-rg");
    attributes.put("id", "/subscriptions/1/resourceGroups/dev-rg");
    attributes.putObject("tags").put("zeta", "1").put("alpha", "2");
    ResourceState rg = new ResourceState("rg", "test.thing", "test", attributes, List.of(),
        List.of(), ResourceStatus.CREATED);
    ObjectNode clusterAttributes = JSON.objectNode().put("kubeconfig", "secret").put("id", "c1");
    ResourceState cluster = new ResourceState("aks", "test.thing", "test", clusterAttributes,
        List.of("kubeconfig"), List.of("rg"), ResourceStatus.PENDING_CREATE);
    Map<String, OutputState> outputs = new LinkedHashMap<>();
    outputs.put("url", new OutputState(JSON.textNode("https://x"), false));
    outputs.put("kubeconfig", new OutputState(JSON.textNode("secret"), true));
    return new StateDocument(1, "lineage-1", serial, List.of(rg, cluster), outputs);
  }

  @Test
  void roundTripKeepsEveryField() {
    StateCodec codec = new StateCodec();
    StateDocument state = sampleState(4);

    StateDocument decoded = codec.decode(codec.encode(state), "test");

    assertEquals("lineage-1", decoded.lineage());
    assertEquals(4, decoded.serial());
    assertEquals(state.resource("aks").orElseThrow(), decoded.resource("aks").orElseThrow());
    assertEquals(state.resource("rg").orElseThrow(), decoded.resource("rg").orElseThrow());
    assertEquals(state.outputs(), decoded.outputs());
  }

  @Test
  void encodingSortsResourcesAndKeys() {
    String text = new String(new StateCodec().encode(sampleState(1)), StandardCharsets.UTF_8);

    assertTrue(text.indexOf("\"address\" : \"aks\"") < text.indexOf("\"address\" : \"rg\""));
    assertTrue(text.indexOf("\"alpha\"") < text.indexOf("\"zeta\""));
    assertTrue(text.indexOf("\"kubeconfig\" : {") < text.indexOf("\"url\" : {"));
  }

  @Test
  void encodingIsByteIdenticalForEqualStates() {
    StateCodec codec = new StateCodec();

    byte[] first = codec.encode(sampleState(2));
    byte[] second = codec.encode(codec.decode(first, "test"));

    assertArrayEquals(first, second);
  }

  @Test
  void newerFormatIsRejectedWithUpgradeHint() {
    byte[] bytes = "{\"formatVersion\": 99, \"lineage\": \"l\", \"serial\": 1}"
        .getBytes(StandardCharsets.UTF_8);

    StateException error =
        assertThrows(StateException.class, () -> new StateCodec().decode(bytes, "s.json"));

    assertTrue(error.getMessage().contains("format version 99 is newer"), error.getMessage());
    assertTrue(error.getMessage().contains("upgrade provisioner"), error.getMessage());
  }

  @Test
  void olderFormatIsMigratedStepByStep() {
    // Version 1 named the resource list "items"; version 2 calls it "resources".
    StateCodec.Migration renameItems = document -> {
      document.set("resources", document.remove("items"));
      return document;
    };
    StateCodec codec = new StateCodec(2, Map.of(1, renameItems));
    byte[] old = ("{\"formatVersion\": 1, \"lineage\": \"l\", \"serial\": 3, \"items\": [{"
        + "\"address\": \"a\", \"type\": \"t.x\", \"provider\": \"t\", \"status\": \"CREATED\","
        + "\"attributes\": {\"id\": \"1\"}}]}").getBytes(StandardCharsets.UTF_8);

    StateDocument migrated = codec.decode(old, "old.json");

    assertEquals(2, migrated.formatVersion());
    assertEquals("1", migrated.resource("a").orElseThrow().attributes().get("id").asText());
  }

  @Test
  void formatWithoutMigrationIsRejected() {
    StateCodec codec = new StateCodec(3, Map.of());
    byte[] old = "{\"formatVersion\": 2, \"lineage\": \"l\", \"serial\": 3}"
        .getBytes(StandardCharsets.UTF_8);

    StateException error = assertThrows(StateException.class, () -> codec.decode(old, "o"));

    assertTrue(error.getMessage().contains("too old to migrate"), error.getMessage());
  }

  @Test
  void invalidJsonNamesTheBackup() {
    byte[] bytes = "{not json".getBytes(StandardCharsets.UTF_8);

    StateException error =
        assertThrows(StateException.class, () -> new StateCodec().decode(bytes, "s.json"));

    assertTrue(error.getMessage().contains("s.json.backup"), error.getMessage());
  }

  @Test
  void lockInfoRoundTrips() {
    StateCodec codec = new StateCodec();
    LockInfo info = new LockInfo("id-1", "alice", "ci-7", 412, "apply",
        Instant.parse("2026-01-02T03:04:05Z"));

    assertEquals(info, codec.decodeLock(codec.encodeLock(info), "lock"));
  }

  @Test
  void serialIsReadWithoutDecodingResources() {
    StateCodec codec = new StateCodec();

    assertEquals(9, codec.decodeSerial(codec.encode(sampleState(9)), "s"));
  }
}
