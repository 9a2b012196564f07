package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's controllers: one worker thread that takes every stored change and lets the
 * reconcilers write what the real controllers would (CRDs Established, workloads available, Jobs
 * complete, load-balancer addresses, Knative Serving's objects and status).
 */
final class ClusterControllers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterControllers.class);

  /** One stored change: {@code object} is null when the object was deleted. */
  record Change(ResourceInfo resource, String objectPath, JsonNode object) {}

  private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
  private final Object idle = new Object();
  private final Reconcilers reconcilers;
  private final Thread worker;
  private long pending;
  private volatile boolean running = true;

  ClusterControllers(ClusterObjects objects) {
    this.reconcilers = new Reconcilers(objects);
    this.worker = new Thread(this::run, "cluster-controllers");
    this.worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  /** Queues a change; called by the API layer with its write lock held, so it only enqueues. */
  void changed(ResourceInfo resource, String objectPath, JsonNode object) {
    synchronized (idle) {
      pending++;
    }
    queue.add(new Change(resource, objectPath, object));
  }

  /** Blocks until every queued change, and every change those caused, has been handled. */
  void awaitIdle() {
    synchronized (idle) {
      while (pending > 0 && running) {
        try {
          idle.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      Change change;
      try {
        change = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        reconcilers.reconcile(change);
      } catch (RuntimeException e) {
        log.warn("Reconciling {} failed", change.objectPath(), e);
      } finally {
        synchronized (idle) {
          pending--;
          idle.notifyAll();
        }
      }
    }
  }
}
