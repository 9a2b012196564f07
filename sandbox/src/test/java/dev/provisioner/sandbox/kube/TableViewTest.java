package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The Table form of lists that kubectl get prints. */
class TableViewTest {

  @Test
  void namespaceTableShowsStatus() {
    try (ClusterApiServer server = ClusterApiServer.start("table", "1.30.5")) {
      ApiClients clients = new ApiClients(server);
      server.awaitControllers();

      JsonNode table = Json.parse(clients.getTable("/api/v1/namespaces/default").body());

      assertEquals("Table", table.path("kind").asText());
      assertEquals("Status", table.path("columnDefinitions").get(1).path("name").asText());
      assertEquals("default", table.path("rows").get(0).path("cells").get(0).asText());
      assertEquals("Active", table.path("rows").get(0).path("cells").get(1).asText());
    }
  }

  @Test
  void printerColumnPathSelectsCondition() {
    JsonNode object =
        Json.parse(
            """
            {"status":{"url":"http://a","conditions":[{"type":"Other","status":"False"},\
            {"type":"Ready","status":"True"}]}}\
            """);

    assertEquals(
        "True",
        TableView.evaluate(object, ".status.conditions[?(@.type=='Ready')].status").asText());
    assertEquals("http://a", TableView.evaluate(object, ".status.url").asText());
  }

  @Test
  void ageUsesKubectlUnits() {
    String tenMinutesAgo = java.time.Instant.now().minusSeconds(600).toString();

    assertEquals("10m", TableView.age(tenMinutesAgo));
  }

  @Test
  void nodeRolesReadBothRoleLabels() {
    JsonNode agent = Json.parse("""
        {"metadata":{"labels":{"kubernetes.io/role":"agent","node-role.kubernetes.io/agent":""}}}\
        """);
    JsonNode virtual = Json.parse("""
        {"metadata":{"labels":{"kubernetes.io/role":"agent","type":"virtual-kubelet"}}}\
        """);
    JsonNode unlabelled = Json.parse("""
        {"metadata":{"labels":{"kubernetes.io/os":"linux"}}}\
        """);

    assertEquals("agent", TableView.nodeRoles(agent));
    assertEquals("agent", TableView.nodeRoles(virtual));
    assertEquals("<none>", TableView.nodeRoles(unlabelled));
  }
}
