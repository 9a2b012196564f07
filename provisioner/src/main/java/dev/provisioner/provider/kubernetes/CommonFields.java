package dev.provisioner.provider.kubernetes;

import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.ResourceSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema fields that every Kubernetes-side resource type shares: the cluster it talks to, how
 * long it waits for readiness, and the computed attributes of the objects it applies.
 */
public final class CommonFields {

  /** Name of the computed map from object key to the digest of the fields this tool applies. */
  public static final String OBJECT_DIGESTS = "objectDigests";

  /** Name of the computed list of objects this resource owns in the cluster. */
  public static final String INVENTORY = "inventory";

  private CommonFields() {}

  /**
   * Returns the {@code cluster} field: a whole-resource reference such as {@code ${aks}}, or an
   * object literal naming a kubeconfig file and context. Absent, the client resolves
   * {@code KUBECONFIG}, {@code ~/.kube/config} or in-cluster configuration.
   */
  public static FieldSchema cluster() {
    return FieldSchema.builder("cluster", FieldType.RESOURCE)
        .forceNew()
        .doc(
            "Cluster to apply to: a reference to an azure.aksCluster such as ${aks}, or"
                + " { kubeconfig, context }; absent, KUBECONFIG or in-cluster configuration")
        .fields(
            FieldSchema.builder("kubeconfig", FieldType.STRING)
                .doc("Path of a kubeconfig file, relative to the stack folder or starting with ~")
                .build(),
            FieldSchema.builder("context", FieldType.STRING)
                .doc("Context of the kubeconfig to use; absent, its current context")
                .build())
        .build();
  }

  /** Returns the {@code wait} field: whether and how long to wait for objects to be ready. */
  public static FieldSchema waitField() {
    return FieldSchema.builder("wait", FieldType.OBJECT)
        .doc("Readiness wait after applying: { enabled: true, timeout: 5m }")
        .fields(
            FieldSchema.builder("enabled", FieldType.BOOL)
                .doc("Whether to wait for applied objects to be ready; true when absent")
                .build(),
            FieldSchema.builder("timeout", FieldType.STRING)
                .doc(
                    "Longest wait for readiness, as a duration such as 90s, 5m or 1h; absent,"
                        + " the run's operation timeout")
                .build())
        .build();
  }

  /** Returns the computed map of per-object digests that makes changes visible to a plan. */
  public static FieldSchema objectDigests() {
    return FieldSchema.builder(OBJECT_DIGESTS, FieldType.MAP)
        .computed()
        .doc(
            "SHA-256 of the fields this tool applies, per object (group/version/kind/namespace/"
                + "name); planned from the desired objects, refreshed from the live ones")
        .element(FieldSchema.builder("digest", FieldType.STRING).doc("hex SHA-256").build())
        .build();
  }

  /** Returns the computed inventory of objects the resource owns in the cluster. */
  public static FieldSchema inventory() {
    FieldSchema entry =
        FieldSchema.builder("object", FieldType.OBJECT)
            .doc("One object this resource owns")
            .fields(
                text("group", "API group, empty for the core group"),
                text("version", "API version within the group"),
                text("kind", "Kind"),
                text("plural", "Resource name in API paths, for example deployments"),
                text("namespace", "Namespace, empty for cluster-scoped objects"),
                text("name", "Name"),
                text("uid", "UID the API server assigned"))
            .build();
    return FieldSchema.builder(INVENTORY, FieldType.LIST)
        .computed()
        .doc("Objects this resource applied and owns, in apply order")
        .element(entry)
        .build();
  }

  /**
   * Returns the schema of a type that applies a set of objects. Its fields are, in this order,
   * {@code cluster}, the type's own {@code fields}, {@code wait}, the type's {@code computed}
   * fields, and the object digests and inventory that every such type records.
   */
  public static ResourceSchema objectSetSchema(
      String type, String doc, List<FieldSchema> fields, List<FieldSchema> computed) {
    List<FieldSchema> all = new ArrayList<>();
    all.add(cluster());
    all.addAll(fields);
    all.add(waitField());
    all.addAll(computed);
    all.add(objectDigests());
    all.add(inventory());
    return new ResourceSchema(type, doc, all);
  }

  /** Returns a string field {@code name} that has a description and no other settings. */
  public static FieldSchema text(String name, String doc) {
    return FieldSchema.builder(name, FieldType.STRING).doc(doc).build();
  }
}
