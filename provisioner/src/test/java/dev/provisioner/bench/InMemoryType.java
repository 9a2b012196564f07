package dev.provisioner.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * {@code bench.item}: a resource type kept in memory for benchmarks, counting every call and
 * optionally sleeping in create for a per-resource time.
 */
final class InMemoryType implements ResourceType {

  final Map<String, ObjectNode> remote = new ConcurrentHashMap<>();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong finds = new AtomicLong();
  final AtomicLong plans = new AtomicLong();
  final AtomicLong creates = new AtomicLong();
  final AtomicLong updates = new AtomicLong();
  private final ToLongFunction<String> createMillis;

  InMemoryType(ToLongFunction<String> createMillis) {
    this.createMillis = createMillis;
  }

  private static final ResourceSchema SCHEMA = schemaOf();

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  private static ResourceSchema schemaOf() {
    return new ResourceSchema("bench.item", "An item kept in memory.", List.of(
        FieldSchema.builder("name", FieldType.STRING).required().forceNew().build(),
        FieldSchema.builder("size", FieldType.INT).build(),
        FieldSchema.builder("tags", FieldType.MAP)
            .element(FieldSchema.builder("value", FieldType.STRING).build()).build(),
        FieldSchema.builder("upstream", FieldType.STRING).build(),
        FieldSchema.builder("id", FieldType.STRING).computed().build()));
  }

  @Override
  public ObjectNode plan(OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    plans.incrementAndGet();
    return desired;
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    reads.incrementAndGet();
    return Optional.ofNullable(remote.get(prior.get("name").asText())).map(ObjectNode::deepCopy);
  }

  @Override
  public Optional<ObjectNode> find(OperationContext context, ObjectNode desired) {
    finds.incrementAndGet();
    return Optional.ofNullable(remote.get(desired.get("name").asText()));
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    creates.incrementAndGet();
    String name = desired.get("name").asText();
    sleep(createMillis.applyAsLong(name));
    ObjectNode created = desired.deepCopy();
    created.put("id", "id-" + name);
    remote.put(name, created);
    return created.deepCopy();
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    updates.incrementAndGet();
    ObjectNode updated = desired.deepCopy();
    updated.set("id", prior.get("id"));
    remote.put(desired.get("name").asText(), updated);
    return updated.deepCopy();
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    remote.remove(prior.get("name").asText());
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
