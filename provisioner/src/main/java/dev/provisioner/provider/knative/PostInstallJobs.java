package dev.provisioner.provider.knative;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.ClusterObjects;
import dev.provisioner.provider.kubernetes.InventoryEntry;
import dev.provisioner.provider.kubernetes.ObjectSetWaits;
import dev.provisioner.provider.kubernetes.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a release's post-install Jobs (storage version migration, cleanup). They name themselves
 * with {@code generateName}, so each apply would start new ones: they run once per version, and
 * the resource records the version in its {@code postInstallVersion} attribute. Their
 * {@code ttlSecondsAfterFinished} removes them, so they are not part of the inventory.
 */
final class PostInstallJobs {

  private static final ResourceKind JOB = new ResourceKind("batch", "v1", "Job", "jobs", true);

  private final ClusterConnection cluster;
  private final OperationContext context;
  private final Duration timeout;

  PostInstallJobs(ClusterConnection cluster, OperationContext context, Duration timeout) {
    this.cluster = cluster;
    this.context = context;
    this.timeout = timeout;
  }

  /** Creates every Job of {@code objects} and waits until each is Complete. */
  void run(List<ObjectNode> objects) {
    ClusterObjects calls = new ClusterObjects(cluster);
    List<InventoryEntry> started = new ArrayList<>();
    for (ObjectNode object : objects) {
      if (!object.path("kind").asText().equals("Job")) {
        continue;
      }
      ObjectNode job = object.deepCopy();
      ObjectNode metadata = job.with("metadata");
      if (metadata.path("namespace").asText("").isEmpty()) {
        metadata.put("namespace", ServingConfig.NAMESPACE);
      }
      ObjectNode created = calls.create(JOB, job);
      started.add(
          new InventoryEntry(
              JOB,
              created.path("metadata").path("namespace").asText(),
              created.path("metadata").path("name").asText(),
              created.path("metadata").path("uid").asText("")));
    }
    context.progress("running " + started.size() + " post-install jobs");
    ObjectSetWaits.untilReady(cluster, context, timeout, started);
  }
}
