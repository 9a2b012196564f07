package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApplyOrderTest {

  private static List<DesiredObject> knative;

  /** Returns the Knative objects in apply order, parsed once: the manifests are large. */
  private static synchronized List<DesiredObject> knativeObjects() {
    if (knative == null) {
      knative = parseKnative();
    }
    return knative;
  }

  private static List<DesiredObject> parseKnative() {
    // A mirror never writes to the cache folder, so any path will do.
    ManifestStore store = new ManifestStore(Optional.of(Fixtures.mirror()), Path.of("unused"));
    var release = ReleaseCatalogue.requireKnativeServing("1.15.2");
    List<ObjectNode> raw = new ArrayList<>();
    for (ReleaseFile file : List.of(release.crds(), release.core(), release.netIstio())) {
      raw.addAll(ManifestDocuments.parse(store.read(file), file.mirrorPath()));
    }
    KindResolver offline = new KindResolver(raw, List.of(), Optional.empty());
    List<DesiredObject> objects = DesiredObjects.prepare(raw, "test/knative", offline, false);
    objects.sort(Comparator.comparingInt(ObjectApplier::rank));
    return List.copyOf(objects);
  }

  private static int firstIndex(List<DesiredObject> objects, String kind) {
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i).id().kind().equals(kind)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind);
  }

  private static int lastIndex(List<DesiredObject> objects, String kind) {
    for (int i = objects.size() - 1; i >= 0; i--) {
      if (objects.get(i).id().kind().equals(kind)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind);
  }

  @Test
  void namespacesAndCrdsComeFirst() {
    List<DesiredObject> objects = knativeObjects();

    int firstOther = 0;
    while (objects.get(firstOther).isCrd() || objects.get(firstOther).isNamespace()) {
      firstOther++;
    }

    assertTrue(firstOther > 0);
    for (DesiredObject object : objects.subList(firstOther, objects.size())) {
      assertFalse(object.isCrd(), object.id().key());
      assertFalse(object.isNamespace(), object.id().key());
    }
  }

  @Test
  void clusterScopedBeforeNamespacedBeforeCustomResources() {
    List<DesiredObject> objects = knativeObjects();

    assertTrue(lastIndex(objects, "ClusterRole") < firstIndex(objects, "ConfigMap"));
    assertTrue(lastIndex(objects, "Deployment") < firstIndex(objects, "Image"));
    assertTrue(lastIndex(objects, "Deployment") < firstIndex(objects, "Gateway"));
  }

  @Test
  void duplicateCrdsOfCrdsAndCoreFilesCollapse() {
    List<DesiredObject> objects = knativeObjects();

    long distinct = objects.stream().map(DesiredObject::id).distinct().count();

    assertEquals(objects.size(), distinct);
  }

  @Test
  void webhookBackendsAreTheWebhookDeployments() {
    List<DesiredObject> objects = knativeObjects();

    String backends =
        WebhookBackends.find(objects).stream()
            .map(object -> object.id().key())
            .sorted()
            .collect(Collectors.joining(","));

    assertEquals(
        "Deployment.apps/knative-serving/net-istio-webhook,Deployment.apps/knative-serving/webhook",
        backends);
  }

  @Test
  void namespacedObjectWithoutNamespaceGetsDefault() {
    ObjectNode configMap =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("apiVersion", "v1")
            .put("kind", "ConfigMap");
    configMap.with("metadata").put("name", "plain");
    KindResolver offline = new KindResolver(List.of(configMap), List.of(), Optional.empty());

    DesiredObject object =
        DesiredObjects.prepare(List.of(configMap), "test/x", offline, false).get(0);

    assertEquals("ConfigMap/default/plain", object.id().key());
  }
}
