package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The defaults and allocations kube-apiserver gives a new Service: type {@code ClusterIP}, a
 * cluster IP from the AKS default service range 10.0.0.0/16, node ports from 30000-32767 for
 * NodePort and LoadBalancer Services, and port {@code protocol}/{@code targetPort} defaults.
 *
 * <p>NOTE: addresses and node ports are derived from the Service's namespace and name, not checked
 * against other Services, so two Services may in rare cases share one.
 */
final class ServiceDefaults {

  private ServiceDefaults() {}

  /** Fills the defaults of a Service about to be created. */
  static void onCreate(ObjectNode service) {
    ObjectNode spec = Json.child(service, "spec");
    String type = spec.path("type").asText("ClusterIP");
    spec.put("type", type);
    String key =
        service.path("metadata").path("namespace").asText()
            + "/"
            + service.path("metadata").path("name").asText();
    byte[] digest = sha256(key);
    if (!type.equals("ExternalName")) {
      if (!spec.hasNonNull("clusterIP") || spec.path("clusterIP").asText().isEmpty()) {
        // Skip .0.0 to .0.10, where the kubernetes and kube-dns Services live on AKS.
        int host = 11 + ((digest[0] & 0xff) << 8 | (digest[1] & 0xff)) % (65534 - 11);
        spec.put("clusterIP", "10.0." + (host >> 8) + "." + (host & 0xff));
      }
      ArrayNode clusterIps = spec.putArray("clusterIPs");
      clusterIps.add(spec.path("clusterIP").asText());
      spec.putArray("ipFamilies").add("IPv4");
      putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
      putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
    }
    putIfAbsent(spec, "sessionAffinity", "None");
    boolean exposesNodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    if (exposesNodePorts) {
      putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer") && !spec.has("allocateLoadBalancerNodePorts")) {
      spec.put("allocateLoadBalancerNodePorts", true);
    }
    int index = 0;
    for (JsonNode port : spec.path("ports")) {
      ObjectNode portObject = (ObjectNode) port;
      putIfAbsent(portObject, "protocol", "TCP");
      if (!portObject.has("targetPort")) {
        portObject.set("targetPort", portObject.get("port"));
      }
      if (exposesNodePorts && !portObject.has("nodePort")) {
        int offset =
            ((digest[2 + index % 28] & 0xff) << 8 | (digest[3 + index % 28] & 0xff)) % 2768;
        portObject.put("nodePort", 30000 + offset);
      }
      index++;
    }
  }

  /**
   * Keeps the allocated addresses and node ports when an update leaves them out, as the API server
   * does.
   */
  static void keepAllocations(JsonNode live, ObjectNode updated) {
    JsonNode liveSpec = live.path("spec");
    ObjectNode spec = Json.child(updated, "spec");
    for (String field : new String[] {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
      if (!spec.has(field) && liveSpec.has(field)) {
        spec.set(field, liveSpec.get(field).deepCopy());
      }
    }
  }

  private static void putIfAbsent(ObjectNode object, String field, String value) {
    if (!object.hasNonNull(field)) {
      object.put(field, value);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
