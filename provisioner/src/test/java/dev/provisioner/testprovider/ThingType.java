package dev.provisioner.testprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code folder.thing}: a resource kept as {@code <remote>/<name>.json}, where {@code <remote>} is
 * the folder {@code remote} beside the stack file ({@link #remoteOf}).
 *
 * <p>Fields: {@code name} (force-new), {@code size} (default 1), {@code tags} (map),
 * {@code settings} (object; the "server" adds {@code settings.tier: standard} when unset, which
 * is not drift), {@code password} (sensitive), {@code parent} (whole-resource reference),
 * {@code note}; computed: {@code id}, {@code endpoint}, {@code token} (sensitive).
 *
 * <p>Control files in the remote folder steer it: {@code fail-<op>-<name>} makes that operation
 * fail ({@code op} is create, update, delete or read), {@code fail-after-create-<name>} creates
 * the resource and then fails, {@code halt-after-create-<name>} creates it and halts the JVM
 * (a crash), and {@code sleep-<name>} or {@code sleep-all} holding a number of milliseconds
 * slows every call. Every call is appended to {@code calls.log} as "operation name".
 */
public final class ThingType implements ResourceType {

  static final String TYPE = "folder.thing";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public ResourceSchema schema() {
    return new ResourceSchema(TYPE, "A thing kept in a folder, for tests.", java.util.List.of(
        FieldSchema.builder("name", FieldType.STRING).required().forceNew().build(),
        FieldSchema.builder("size", FieldType.INT).defaultValue(IntNode.valueOf(1)).build(),
        FieldSchema.builder("tags", FieldType.MAP)
            .element(FieldSchema.builder("value", FieldType.STRING).build()).build(),
        FieldSchema.builder("settings", FieldType.OBJECT).fields(
            FieldSchema.builder("mode", FieldType.STRING).build(),
            FieldSchema.builder("replicas", FieldType.INT).build(),
            FieldSchema.builder("tier", FieldType.STRING).build()).build(),
        FieldSchema.builder("password", FieldType.STRING).sensitive().build(),
        FieldSchema.builder("parent", FieldType.RESOURCE).build(),
        FieldSchema.builder("note", FieldType.STRING).build(),
        FieldSchema.builder("id", FieldType.STRING).computed().build(),
        FieldSchema.builder("endpoint", FieldType.STRING).computed().build(),
        FieldSchema.builder("token", FieldType.STRING).computed().sensitive().build()));
  }

  /** Returns the remote folder of the run: {@code remote} beside the stack file. */
  public static Path remoteOf(OperationContext context) {
    return context.settings().stackDirectory().resolve("remote");
  }

  @Override
  public ObjectNode plan(OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    control(context, "plan", name(desired));
    ObjectNode planned = desired.deepCopy();
    // The endpoint follows from the name, so the plan can predict it; the id cannot be.
    if (desired.hasNonNull("name") && !Values.isUnknown(desired.get("name"))) {
      planned.put("endpoint", "https://" + desired.get("name").asText() + ".things.test");
    }
    return planned;
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    control(context, "read", name(prior));
    return load(context, name(prior));
  }

  @Override
  public Optional<ObjectNode> find(OperationContext context, ObjectNode desired) {
    control(context, "find", name(desired));
    return load(context, name(desired));
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    String name = name(desired);
    control(context, "create", name);
    if (Files.exists(remoteOf(context).resolve(name + ".json"))) {
      throw new ProviderException("Conflict", "a thing named '" + name + "' already exists");
    }
    ObjectNode created = stored(desired);
    created.put("id", "thing-" + UUID.randomUUID().toString().substring(0, 8));
    created.put("token", "tok-" + UUID.randomUUID());
    save(context, name, created);
    if (Files.exists(remoteOf(context).resolve("halt-after-create-" + name))) {
      Runtime.getRuntime().halt(3);
    }
    if (Files.exists(remoteOf(context).resolve("fail-after-create-" + name))) {
      throw new ProviderException("InjectedFailure", "created '" + name
          + "' but failed waiting for it to become ready");
    }
    return created;
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    String name = name(desired);
    control(context, "update", name);
    ObjectNode current = load(context, name).orElseThrow(() ->
        new ProviderException("NotFound", "thing '" + name + "' does not exist"));
    ObjectNode updated = stored(desired);
    updated.set("id", current.get("id"));
    updated.set("token", current.get("token"));
    save(context, name, updated);
    return updated;
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    String name = name(prior);
    control(context, "delete", name);
    try {
      Files.deleteIfExists(remoteOf(context).resolve(name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ObjectNode importResource(OperationContext context, String id) {
    control(context, "import", id);
    try (var files = Files.list(remoteOf(context))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        ObjectNode thing = (ObjectNode) MAPPER.readTree(file.toFile());
        if (thing.path("id").asText().equals(id)) {
          return thing;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new ProviderException("NotFound", "no thing has id '" + id + "'");
  }

  // The "server" keeps what it was given, with the parent reduced to its name, fills the
  // endpoint and defaults settings.tier.
  private static ObjectNode stored(ObjectNode desired) {
    ObjectNode result = desired.deepCopy();
    JsonNode parent = result.get("parent");
    if (parent != null && parent.isObject() && parent.has("address")) {
      ObjectNode reference = result.objectNode();
      reference.put("address", parent.get("address").asText());
      reference.set("id", parent.get("id"));
      result.set("parent", reference);
      if (!parent.hasNonNull("id") || !parent.hasNonNull("token")) {
        throw new ProviderException("InvalidParent",
            "parent was not handed over with its id and token");
      }
    }
    result.put("endpoint", "https://" + name(desired) + ".things.test");
    ObjectNode settings = result.has("settings") && result.get("settings").isObject()
        ? (ObjectNode) result.get("settings") : result.putObject("settings");
    if (!settings.has("tier")) {
      settings.put("tier", "standard");
    }
    return result;
  }

  private static String name(JsonNode attributes) {
    JsonNode name = attributes.get("name");
    return name == null || Values.isUnknown(name) ? "(unknown)" : name.asText();
  }

  private static Optional<ObjectNode> load(OperationContext context, String name) {
    Path file = remoteOf(context).resolve(name + ".json");
    try {
      return Files.exists(file) ? Optional.of((ObjectNode) MAPPER.readTree(file.toFile()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void save(OperationContext context, String name, ObjectNode thing) {
    try {
      Files.createDirectories(remoteOf(context));
      Files.writeString(remoteOf(context).resolve(name + ".json"), thing.toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void control(OperationContext context, String operation, String name) {
    Path remote = remoteOf(context);
    try {
      Files.createDirectories(remote);
      synchronized (ThingType.class) {
        Files.writeString(remote.resolve("calls.log"), operation + " " + name + "\n",
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      for (String sleepFile : new String[] {"sleep-all", "sleep-" + name}) {
        Path file = remote.resolve(sleepFile);
        if (Files.exists(file)) {
          sleep(context, Long.parseLong(Files.readString(file).trim()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Files.exists(remote.resolve("fail-" + operation + "-" + name))) {
      throw new ProviderException("InjectedFailure", operation + " of '" + name
          + "' failed as the test asked");
    }
  }

  private static void sleep(OperationContext context, long millis) {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end && !context.isCancelled()) {
      try {
        Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
