package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.sandbox.kube.ClusterApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTypeTest {

  private static final ObjectMapper YAML = new YAMLMapper();

  @TempDir Path stackDirectory;

  /** One cluster for the class, because starting one costs seconds; tests use own namespaces. */
  private static ClusterApiServer server;

  private TestRun run;
  private final ManifestType type = new ManifestType();

  @BeforeAll
  static void startCluster() {
    server = ClusterApiServer.start("manifest-test", "1.30.0");
  }

  @AfterAll
  static void stopCluster() {
    server.close();
  }

  @BeforeEach
  void startRun() {
    run = new TestRun(stackDirectory, Optional.empty(), Duration.ofSeconds(30));
  }

  @AfterEach
  void closeRun() throws Exception {
    run.close();
  }

  private ObjectNode properties(String objectsYaml, String namespace) throws Exception {
    return properties(objectsYaml.replace("team-a", namespace));
  }

  private ObjectNode properties(String objectsYaml) throws Exception {
    ObjectNode properties = YAML.createObjectNode();
    ObjectNode cluster = properties.putObject("cluster");
    cluster.put("address", "aks");
    cluster.put("kubeconfig", server.kubeconfig());
    properties.set("objects", YAML.readTree(objectsYaml));
    properties.put("force", false);
    return properties;
  }

  private static final String TEAM =
      """
      - apiVersion: v1
        kind: Namespace
        metadata: {name: team-a}
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: team-a}
        data: {color: blue}
      - apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: team-a}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get, list]
      """;

  @Test
  void createThenReadShowsNoChange() throws Exception {
    OperationContext context = run.context("team");
    ObjectNode desired = properties(TEAM, "nochange");

    ObjectNode created = type.create(context, type.plan(context, desired, Optional.empty()));
    ObjectNode refreshed = type.read(context, created).orElseThrow();
    ObjectNode planned = type.plan(context, desired, Optional.of(refreshed));

    assertEquals(3, refreshed.get(CommonFields.INVENTORY).size());
    assertEquals(
        refreshed.get(CommonFields.OBJECT_DIGESTS), planned.get(CommonFields.OBJECT_DIGESTS));
    assertEquals(refreshed.get(CommonFields.INVENTORY), planned.get(CommonFields.INVENTORY));
  }

  @Test
  void changedValueChangesOneDigest() throws Exception {
    OperationContext context = run.context("team");
    ObjectNode created = type.create(context, properties(TEAM, "onedigest"));
    ObjectNode refreshed = type.read(context, created).orElseThrow();

    ObjectNode planned =
        type.plan(
            context,
            properties(TEAM.replace("blue", "green"), "onedigest"),
            Optional.of(refreshed));

    JsonNode before = refreshed.get(CommonFields.OBJECT_DIGESTS);
    JsonNode after = planned.get(CommonFields.OBJECT_DIGESTS);
    assertNotEquals(
        before.get("ConfigMap/onedigest/settings"), after.get("ConfigMap/onedigest/settings"));
    assertEquals(before.get("Namespace/onedigest"), after.get("Namespace/onedigest"));
    assertEquals(
        before.get("Role.rbac.authorization.k8s.io/onedigest/reader"),
        after.get("Role.rbac.authorization.k8s.io/onedigest/reader"));
  }

  @Test
  void fieldChangedByAnotherClientIsDrift() throws Exception {
    OperationContext context = run.context("team");
    ObjectNode created = type.create(context, properties(TEAM, "drift"));
    ClusterConnection connection =
        ClusterConnection.of(context, created.get("cluster"));
    connection
        .client()
        .configMaps()
        .inNamespace("drift")
        .withName("settings")
        .edit(configMap -> {
          configMap.getData().put("color", "red");
          return configMap;
        });

    ObjectNode refreshed = type.read(context, created).orElseThrow();

    assertNotEquals(
        created.get(CommonFields.OBJECT_DIGESTS).get("ConfigMap/drift/settings"),
        refreshed.get(CommonFields.OBJECT_DIGESTS).get("ConfigMap/drift/settings"));
  }

  @Test
  void removedObjectIsPrunedAndAddedOneCreated() throws Exception {
    OperationContext context = run.context("team");
    ObjectNode created = type.create(context, properties(TEAM, "prune"));
    ObjectNode refreshed = type.read(context, created).orElseThrow();
    String changed =
        TEAM.substring(0, TEAM.indexOf("- apiVersion: rbac"))
            + """
              - apiVersion: v1
                kind: ServiceAccount
                metadata: {name: robot, namespace: team-a}
              """;

    ObjectNode updated = type.update(context, refreshed, properties(changed, "prune"));

    ClusterConnection connection = ClusterConnection.of(context, created.get("cluster"));
    assertTrue(
        connection.client().rbac().roles().inNamespace("prune").withName("reader").get() == null);
    assertFalse(
        connection.client().serviceAccounts().inNamespace("prune").withName("robot").get() == null);
    assertEquals(3, updated.get(CommonFields.INVENTORY).size());
    assertTrue(updated.get(CommonFields.OBJECT_DIGESTS).has("ServiceAccount/prune/robot"));
  }

  @Test
  void deleteRemovesEverything() throws Exception {
    OperationContext context = run.context("team");
    ObjectNode created = type.create(context, properties(TEAM, "delete"));

    type.delete(context, created);

    assertTrue(type.read(context, created).isEmpty());
  }

  private static final String WIDGETS =
      """
      - apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
      - apiVersion: example.com/v1
        kind: Widget
        metadata: {name: first, namespace: default}
        spec: {size: 3}
      """;

  @Test
  void sameManifestCustomResourceKnownAfterApply() throws Exception {
    OperationContext context = run.context("widgets");
    ObjectNode desired = properties(WIDGETS);

    ObjectNode planned = type.plan(context, desired, Optional.empty());
    ObjectNode created = type.create(context, planned);

    String key = "Widget.example.com/default/first";
    assertTrue(dev.provisioner.provider.Values.isUnknown(planned.get(CommonFields.INVENTORY)));
    assertEquals(
        planned.get(CommonFields.OBJECT_DIGESTS).get(key),
        created.get(CommonFields.OBJECT_DIGESTS).get(key));
    assertEquals(
        "Widget",
        created.get(CommonFields.INVENTORY).get(1).get("kind").asText(),
        "the CRD is applied before its custom resource");
    type.delete(context, created);
  }

  @Test
  void addedCrdAndResourceShowAsKnownChange() throws Exception {
    OperationContext context = run.context("grow");
    String start =
        """
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: grow, namespace: default}
        """;
    ObjectNode created = type.create(context, properties(start));
    ObjectNode refreshed = type.read(context, created).orElseThrow();
    String grown = start + WIDGETS.replace("widgets", "gizmos").replace("Widget", "Gizmo");

    ObjectNode planned = type.plan(context, properties(grown), Optional.of(refreshed));

    JsonNode digests = planned.get(CommonFields.OBJECT_DIGESTS);
    assertEquals(3, digests.size());
    assertTrue(digests.get("Gizmo.example.com/default/first").isTextual());
    assertFalse(dev.provisioner.provider.Values.containsUnknown(digests));
    assertNotEquals(refreshed.get(CommonFields.OBJECT_DIGESTS), digests);
    type.delete(context, refreshed);
  }

  @Test
  void kindNobodyDefinesFailsPlan() throws Exception {
    OperationContext context = run.context("gadgets");
    ObjectNode desired =
        properties(
            """
            - apiVersion: example.org/v1
              kind: Gadget
              metadata: {name: g, namespace: default}
            """);

    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.provisioner.provider.ProviderException.class,
            () -> type.plan(context, desired, Optional.empty()));

    assertEquals("KindNotFound", error.code());
    assertTrue(error.getMessage().contains("dependsOn"), error.getMessage());
  }

  @Test
  void objectOfAnotherResourceIsNotTaken() throws Exception {
    String shared =
        """
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: shared, namespace: default}
          data: {owner: first}
        """;
    OperationContext first = run.context("first");
    OperationContext second = run.context("second");
    ObjectNode firstState = type.create(first, properties(shared));

    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.provisioner.provider.ProviderException.class,
            () -> type.create(second, properties(shared.replace("first", "second"))));

    assertEquals("Conflict", error.code());
    assertTrue(error.getMessage().contains("test/first"), error.getMessage());
    ClusterConnection connection = ClusterConnection.of(first, firstState.get("cluster"));
    assertEquals(
        "first",
        connection
            .client()
            .configMaps()
            .inNamespace("default")
            .withName("shared")
            .get()
            .getData()
            .get("owner"));
    type.delete(first, firstState);
  }

  @Test
  void objectAnotherResourceTookOverIsNotPruned() throws Exception {
    String two =
        """
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: stays, namespace: default}
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: moved, namespace: default}
        """;
    OperationContext context = run.context("mover");
    ObjectNode created = type.create(context, properties(two));
    ClusterConnection connection = ClusterConnection.of(context, created.get("cluster"));
    connection
        .client()
        .configMaps()
        .inNamespace("default")
        .withName("moved")
        .edit(
            configMap -> {
              configMap
                  .getMetadata()
                  .getAnnotations()
                  .put(DesiredObjects.OWNER_ANNOTATION, "test/taker");
              return configMap;
            });
    ObjectNode refreshed = type.read(context, created).orElseThrow();

    type.update(context, refreshed, properties(two.substring(0, two.indexOf("- apiVersion", 5))));

    assertTrue(
        connection.client().configMaps().inNamespace("default").withName("moved").get() != null,
        "an object that names another owner is left in place");
    type.delete(context, type.read(context, refreshed).orElseThrow());
    connection.client().configMaps().inNamespace("default").withName("moved").delete();
  }

  @Test
  void readinessTimeoutNamesObjectAndCondition() throws Exception {
    OperationContext context = run.context("broken");
    ObjectNode created = type.create(context, properties(WIDGETS.replace("first", "broken")));
    ClusterConnection connection = ClusterConnection.of(context, created.get("cluster"));
    ResourceKind widget = new ResourceKind("example.com", "v1", "Widget", "widgets", true);
    connection
        .client()
        .genericKubernetesResources(widget.context())
        .inNamespace("default")
        .withName("broken")
        .editStatus(
            resource -> {
              resource.setAdditionalProperty(
                  "status",
                  java.util.Map.of(
                      "conditions",
                      java.util.List.of(
                          java.util.Map.of(
                              "type", "Ready",
                              "status", "False",
                              "reason", "NoBackend",
                              "message", "no backend answers"))));
              return resource;
            });
    InventoryEntry entry = InventoryEntry.fromJson(created.get(CommonFields.INVENTORY).get(1));

    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.provisioner.provider.ProviderException.class,
            () ->
                ObjectSetWaits.untilReady(
                    connection, context, Duration.ofMillis(500), java.util.List.of(entry)));

    assertEquals("Timeout", error.code());
    assertTrue(
        error
            .getMessage()
            .contains(
                "Widget.example.com/default/broken (Ready=False: NoBackend: no backend answers)"),
        error.getMessage());
    type.delete(context, created);
  }
}
