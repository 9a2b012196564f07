package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polls objects until each meets a condition, listing each kind and namespace once per round
 * rather than reading objects one by one. Rounds start 100 ms apart and back off to 2 s.
 */
final class Waiter {

  /** Decides whether one object is done; returns why not, or empty when it is. */
  interface Check {
    Optional<String> pending(WaitTarget target, Optional<ObjectNode> live);
  }

  private static final Duration FIRST_INTERVAL = Duration.ofMillis(100);
  private static final Duration MAX_INTERVAL = Duration.ofSeconds(2);

  private final ClusterObjects objects;
  private final OperationContext context;
  private final Duration timeout;

  Waiter(ClusterObjects objects, OperationContext context, Duration timeout) {
    this.objects = objects;
    this.context = context;
    this.timeout = timeout;
  }

  /** Waits until every target is ready by {@link Readiness}. */
  void untilReady(List<WaitTarget> targets) {
    await(
        targets,
        "become ready",
        (target, live) -> {
          if (live.isEmpty()) {
            return Optional.of("not found");
          }
          return Readiness.notReady(target.kind().group(), target.kind().kind(), live.get());
        });
  }

  /** Waits until no target exists any more (with its UID, when the target names one). */
  void untilGone(List<WaitTarget> targets) {
    await(
        targets,
        "be deleted",
        (target, live) -> live.isPresent() ? Optional.of("still exists") : Optional.empty());
  }

  /**
   * Waits until {@code check} passes for every target.
   *
   * @param goal what the targets should do, for messages: "become ready"
   * @throws ProviderException with code {@code Timeout} naming the objects still pending and why
   */
  void await(List<WaitTarget> targets, String goal, Check check) {
    if (targets.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration interval = FIRST_INTERVAL;
    int lastPending = -1;
    while (true) {
      Map<WaitTarget, String> pending = pending(targets, check);
      if (pending.isEmpty()) {
        return;
      }
      if (pending.size() != lastPending) {
        context.progress(
            "waiting for " + pending.size() + " of " + targets.size() + " objects to " + goal);
        lastPending = pending.size();
      }
      if (context.isCancelled()) {
        throw new ProviderException(
            "Cancelled", "cancelled while waiting for objects to " + goal + ": " + list(pending));
      }
      if (System.nanoTime() > deadline) {
        throw new ProviderException(
            "Timeout",
            "timed out after "
                + timeout.toSeconds()
                + "s waiting for "
                + pending.size()
                + " of "
                + targets.size()
                + " objects to "
                + goal
                + ": "
                + list(pending)
                + " (raise wait.timeout, or look at the objects' events)");
      }
      sleep(interval);
      interval = interval.multipliedBy(3).dividedBy(2);
      if (interval.compareTo(MAX_INTERVAL) > 0) {
        interval = MAX_INTERVAL;
      }
    }
  }

  private Map<WaitTarget, String> pending(List<WaitTarget> targets, Check check) {
    Map<String, Map<String, ObjectNode>> listed = new HashMap<>();
    Map<WaitTarget, String> pending = new LinkedHashMap<>();
    for (WaitTarget target : targets) {
      String listKey =
          target.kind().apiVersion() + "/" + target.kind().plural() + "/" + target.namespace();
      Map<String, ObjectNode> byName =
          listed.computeIfAbsent(listKey, key -> byName(target.kind(), target.namespace()));
      Optional<ObjectNode> live = Optional.ofNullable(byName.get(target.name()));
      if (live.isPresent()
          && !target.uid().isEmpty()
          && !target.uid().equals(live.get().path("metadata").path("uid").asText())) {
        live = Optional.empty();
      }
      check.pending(target, live).ifPresent(reason -> pending.put(target, reason));
    }
    return pending;
  }

  private Map<String, ObjectNode> byName(ResourceKind kind, String namespace) {
    Map<String, ObjectNode> byName = new HashMap<>();
    for (ObjectNode item : objects.list(kind, namespace)) {
      byName.put(item.path("metadata").path("name").asText(), item);
    }
    return byName;
  }

  private static String list(Map<WaitTarget, String> pending) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<WaitTarget, String> entry : pending.entrySet()) {
      parts.add(entry.getKey().describe() + " (" + entry.getValue() + ")");
    }
    return String.join("; ", parts);
  }

  private static void sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("Interrupted", "interrupted while waiting for objects");
    }
  }
}
