package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Deployment as an API server returns it: two managers, defaults, status. */
  private static final String LIVE =
      """
      {"apiVersion":"apps/v1","kind":"Deployment",
       "metadata":{"name":"web","namespace":"apps","uid":"u1","resourceVersion":"7",
         "labels":{"app":"web","team":"a"},
         "managedFields":[
           {"manager":"provisioner","operation":"Apply","apiVersion":"apps/v1",
            "fieldsType":"FieldsV1","fieldsV1":{
              "f:metadata":{"f:labels":{"f:app":{}}},
              "f:spec":{"f:replicas":{},
                "f:template":{"f:spec":{"f:containers":{
                  "k:{\\"name\\":\\"web\\"}":{".":{},"f:name":{},"f:image":{}}}}},
                "f:finalizersLike":{"v:\\"x\\"":{}}}}},
           {"manager":"kubectl","operation":"Update","apiVersion":"apps/v1",
            "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:team":{}}}}}]},
       "spec":{"replicas":2,"progressDeadlineSeconds":600,
         "finalizersLike":["x","y"],
         "template":{"spec":{"containers":[
           {"name":"web","image":"nginx:1","imagePullPolicy":"IfNotPresent"},
           {"name":"sidecar","image":"proxy"}]}}},
       "status":{"replicas":2}}
      """;

  @Test
  void projectionKeepsOnlyTheManagersFields() throws Exception {
    JsonNode live = JSON.readTree(LIVE);

    Optional<ObjectNode> owned = ManagedFields.project(live, "provisioner");

    JsonNode expected =
        JSON.readTree(
            """
            {"metadata":{"labels":{"app":"web"}},
             "spec":{"replicas":2,"finalizersLike":["x"],
               "template":{"spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}}
            """);
    assertEquals(expected, owned.orElseThrow());
  }

  @Test
  void managerWithoutEntriesOwnsNothing() throws Exception {
    JsonNode live = JSON.readTree(LIVE);

    assertTrue(ManagedFields.project(live, "someone-else").isEmpty());
  }

  @Test
  void updateOperationsOfTheManagerDoNotCount() throws Exception {
    JsonNode live = JSON.readTree(LIVE);

    assertTrue(ManagedFields.project(live, "kubectl").isEmpty());
  }

  @Test
  void listKeyFieldTheItemLacksStillMatches() throws Exception {
    JsonNode live =
        JSON.readTree(
            """
            {"metadata":{"managedFields":[{"manager":"provisioner","operation":"Apply",
              "fieldsV1":{"f:spec":{"f:ports":{
                "k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{},"f:name":{}}}}}}]},
             "spec":{"ports":[{"name":"http","port":80}]}}
            """);

    ObjectNode owned = ManagedFields.project(live, "provisioner").orElseThrow();

    assertEquals(
        JSON.readTree("{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80}]}}"), owned);
  }
}
