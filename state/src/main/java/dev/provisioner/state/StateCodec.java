package dev.provisioner.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes {@link StateDocument}s and {@link LockInfo}s as JSON and decodes them back.
 *
 * <p>The encoding is stable: resources are written sorted by address, outputs by name, and every
 * object's keys sorted, so two writes of the same state are byte-identical and a state file kept
 * in version control diffs cleanly.
 *
 * <p>Decoding checks {@code formatVersion}: a newer version than this build writes is rejected
 * (an older build must never rewrite a newer file and lose what it does not understand), an
 * older one is migrated step by step with the registered {@link Migration}s.
 */
public final class StateCodec {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ObjectMapper mapper =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final int currentVersion;
  private final Map<Integer, Migration> migrations;

  /** Creates the codec for {@link StateDocument#CURRENT_FORMAT_VERSION}. */
  public StateCodec() {
    // Format 1 is the first format, so there is nothing to migrate from yet. A format 2 adds a
    // Migration from 1 here.
    this(StateDocument.CURRENT_FORMAT_VERSION, Map.of());
  }

  /**
   * Creates a codec that writes {@code currentVersion} and upgrades older documents with
   * {@code migrations}, keyed by the version each one upgrades from.
   */
  StateCodec(int currentVersion, Map<Integer, Migration> migrations) {
    this.currentVersion = currentVersion;
    this.migrations = Map.copyOf(migrations);
  }

  /**
   * Upgrades the JSON of a state document by one format version, from the version it is
   * registered for to the next.
   */
  @FunctionalInterface
  interface Migration {
    /** Returns the document rewritten in the next format version. */
    ObjectNode upgrade(ObjectNode document);
  }

  /** Encodes {@code document} as UTF-8 JSON with a trailing newline. */
  public byte[] encode(StateDocument document) {
    ObjectNode root = JSON.objectNode();
    root.put("formatVersion", document.formatVersion());
    root.put("lineage", document.lineage());
    root.put("serial", document.serial());
    ArrayNode resources = root.putArray("resources");
    List<ResourceState> sorted = new ArrayList<>(document.resources());
    sorted.sort(Comparator.comparing(ResourceState::address));
    for (ResourceState resource : sorted) {
      resources.add(encodeResource(resource));
    }
    ObjectNode outputs = root.putObject("outputs");
    new TreeMap<>(document.outputs()).forEach((name, output) -> {
      ObjectNode node = outputs.putObject(name);
      node.put("sensitive", output.sensitive());
      node.set("value", sortedCopy(output.value()));
    });
    return toBytes(root);
  }

  /**
   * Decodes a state document, migrating older formats.
   *
   * @param source where the bytes came from, for messages
   * @throws StateException when the bytes are not a state document or its format is newer than
   *     this build understands
   */
  public StateDocument decode(byte[] bytes, String source) {
    JsonNode parsed;
    try {
      parsed = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new StateException(source + ": not valid JSON (" + e.getOriginalMessage()
          + "); restore it from " + source + ".backup or from version control", e);
    } catch (java.io.IOException e) {
      throw new StateException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (parsed == null || !parsed.isObject()) {
      throw new StateException(source + ": not a state document (expected a JSON object)");
    }
    ObjectNode root = migrate((ObjectNode) parsed, source);
    try {
      return decodeCurrent(root);
    } catch (RuntimeException e) {
      throw new StateException(source + ": invalid state document: " + e.getMessage(), e);
    }
  }

  /**
   * Reads only the serial of an encoded state document, without decoding its resources; a
   * conditional write checks it on every write.
   *
   * @throws StateException when the bytes hold no serial at the top level
   */
  public long decodeSerial(byte[] bytes, String source) {
    try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new StateException(source + ": not a state document (expected a JSON object)");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("serial") && value == JsonToken.VALUE_NUMBER_INT) {
          return parser.getLongValue();
        }
        parser.skipChildren();
      }
    } catch (java.io.IOException e) {
      throw new StateException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    throw new StateException(source + ": state document has no serial");
  }

  /** Encodes a lock holder as UTF-8 JSON; lock files and blob lease metadata use it. */
  public byte[] encodeLock(LockInfo info) {
    ObjectNode root = JSON.objectNode();
    root.put("id", info.id());
    root.put("owner", info.owner());
    root.put("host", info.host());
    root.put("pid", info.pid());
    root.put("operation", info.operation());
    root.put("created", info.created().toString());
    return toBytes(root);
  }

  /**
   * Decodes a lock holder.
   *
   * @throws StateException when the bytes are not lock information
   */
  public LockInfo decodeLock(byte[] bytes, String source) {
    try {
      JsonNode root = mapper.readTree(bytes);
      return new LockInfo(
          required(root, "id").asText(),
          required(root, "owner").asText(),
          required(root, "host").asText(),
          required(root, "pid").asLong(),
          required(root, "operation").asText(),
          Instant.parse(required(root, "created").asText()));
    } catch (java.io.IOException | RuntimeException e) {
      throw new StateException(source + ": unreadable lock information: " + e.getMessage(), e);
    }
  }

  private ObjectNode migrate(ObjectNode root, String source) {
    JsonNode versionNode = root.get("formatVersion");
    if (versionNode == null || !versionNode.canConvertToInt()) {
      throw new StateException(source + ": missing or invalid 'formatVersion'; this file was "
          + "not written by provisioner");
    }
    int version = versionNode.intValue();
    if (version > currentVersion) {
      throw new StateException(source + ": state format version " + version
          + " is newer than this provisioner understands (" + currentVersion
          + "); it was written by a newer release, so upgrade provisioner to read it");
    }
    ObjectNode current = root;
    while (version < currentVersion) {
      Migration step = migrations.get(version);
      if (step == null) {
        throw new StateException(source + ": state format version " + version
            + " is too old to migrate; open it with an older provisioner release first");
      }
      current = step.upgrade(current);
      version++;
      current.put("formatVersion", version);
    }
    return current;
  }

  private StateDocument decodeCurrent(ObjectNode root) {
    List<ResourceState> resources = new ArrayList<>();
    for (JsonNode node : array(root, "resources")) {
      resources.add(decodeResource(node));
    }
    Map<String, OutputState> outputs = new LinkedHashMap<>();
    JsonNode outputsNode = root.path("outputs");
    Iterator<Map.Entry<String, JsonNode>> fields = outputsNode.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      outputs.put(entry.getKey(), new OutputState(
          entry.getValue().path("value").deepCopy(),
          entry.getValue().path("sensitive").asBoolean(false)));
    }
    return new StateDocument(
        root.get("formatVersion").intValue(),
        required(root, "lineage").asText(),
        required(root, "serial").asLong(),
        resources,
        outputs);
  }

  private ObjectNode encodeResource(ResourceState resource) {
    ObjectNode node = JSON.objectNode();
    node.put("address", resource.address());
    node.put("type", resource.type());
    node.put("provider", resource.provider());
    node.put("status", resource.status().name());
    ArrayNode dependencies = node.putArray("dependencies");
    resource.dependencies().stream().sorted().forEach(dependencies::add);
    ArrayNode sensitive = node.putArray("sensitivePaths");
    resource.sensitivePaths().stream().sorted().forEach(sensitive::add);
    node.set("attributes", sortedCopy(resource.attributes()));
    return node;
  }

  private ResourceState decodeResource(JsonNode node) {
    String address = required(node, "address").asText();
    JsonNode attributes = required(node, "attributes");
    if (!attributes.isObject()) {
      throw new IllegalArgumentException("resource '" + address + "': attributes is not an object");
    }
    ResourceStatus status;
    try {
      status = ResourceStatus.valueOf(required(node, "status").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "resource '" + address + "': unknown status '" + node.get("status").asText() + "'");
    }
    return new ResourceState(
        address,
        required(node, "type").asText(),
        required(node, "provider").asText(),
        (ObjectNode) attributes.deepCopy(),
        texts(node, "sensitivePaths"),
        texts(node, "dependencies"),
        status);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return value;
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      return JSON.arrayNode();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException("'" + field + "' is not a list");
    }
    return value;
  }

  private static List<String> texts(JsonNode node, String field) {
    List<String> result = new ArrayList<>();
    for (JsonNode item : array(node, field)) {
      result.add(item.asText());
    }
    return result;
  }

  /** Returns a copy of {@code node} with every object's keys in sorted order. */
  static JsonNode sortedCopy(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = JSON.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        sorted.set(name, sortedCopy(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.arrayNode();
      node.forEach(item -> copy.add(sortedCopy(item)));
      return copy;
    }
    return node.deepCopy();
  }

  private byte[] toBytes(JsonNode root) {
    try {
      String text = mapper.writeValueAsString(root) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new StateException("cannot encode state: " + e.getOriginalMessage(), e);
    }
  }
}
