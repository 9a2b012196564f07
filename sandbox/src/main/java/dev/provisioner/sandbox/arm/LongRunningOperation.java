package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One ARM asynchronous operation: {@code InProgress} until it is polled at or after its ready
 * time, then {@code Succeeded} or {@code Failed}. Completing it runs its completion, which
 * changes the resource (and the cluster behind it); an {@link ArmException} thrown there, or an
 * injected failure, ends it {@code Failed} and marks the resource through {@code onFailure}.
 */
final class LongRunningOperation {

  /** The change an operation makes when it completes. */
  @FunctionalInterface
  interface Completion {
    void run();
  }

  private final String id;
  private final String providerNamespace;
  private final String location;
  private final Instant startTime;
  private final Instant readyAt;
  private final Completion completion;
  private final Consumer<ArmException> onFailure;
  private final Optional<ArmException> injectedFailure;
  private String status = "InProgress";
  private Instant endTime;
  private ArmException error;

  LongRunningOperation(
      String id,
      String providerNamespace,
      String location,
      Instant startTime,
      Instant readyAt,
      Completion completion,
      Consumer<ArmException> onFailure,
      Optional<ArmException> injectedFailure) {
    this.id = id;
    this.providerNamespace = providerNamespace;
    this.location = location;
    this.startTime = startTime;
    this.readyAt = readyAt;
    this.completion = completion;
    this.onFailure = onFailure;
    this.injectedFailure = injectedFailure;
  }

  String id() {
    return id;
  }

  String providerNamespace() {
    return providerNamespace;
  }

  String location() {
    return location;
  }

  boolean isDone() {
    return !status.equals("InProgress");
  }

  Optional<ArmException> error() {
    return Optional.ofNullable(error);
  }

  /** Completes the operation when {@code now} has reached its ready time. */
  void advance(Instant now) {
    if (isDone() || now.isBefore(readyAt)) {
      return;
    }
    complete(now);
  }

  /** Completes the operation now, whatever its ready time. */
  void complete(Instant now) {
    if (isDone()) {
      return;
    }
    endTime = now;
    if (injectedFailure.isPresent()) {
      fail(injectedFailure.get());
      return;
    }
    try {
      completion.run();
      status = "Succeeded";
    } catch (ArmException e) {
      fail(e);
    }
  }

  private void fail(ArmException failure) {
    error = failure;
    status = "Failed";
    onFailure.accept(failure);
  }

  /** Builds the body of the {@code Azure-AsyncOperation} status URL. */
  ObjectNode statusBody() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("id", id);
    body.put("name", id);
    body.put("status", status);
    body.put("startTime", startTime.toString());
    if (endTime != null) {
      body.put("endTime", endTime.toString());
    }
    if (error != null) {
      body.set("error", ArmErrors.errorObject(error));
    }
    return body;
  }
}
