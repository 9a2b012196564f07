package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the kubeconfig YAML a client uses to reach one sandbox cluster with its token. */
final class Kubeconfig {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private Kubeconfig() {}

  /**
   * Renders a kubeconfig with one cluster, user and context, all named {@code clusterName}, the way
   * {@code az aks get-credentials} names its context after the cluster.
   */
  static String render(String clusterName, String serverUrl, ClusterCredentials credentials) {
    String caData =
        Base64.getEncoder()
            .encodeToString(
                credentials.tls().caCertificatePem().getBytes(StandardCharsets.US_ASCII));
    String userName = "clusterUser_" + clusterName;
    // Every map is ordered: Map.of iterates in an order that differs between JVM runs, and the
    // kubeconfig must be the same text in every run or a plan would show it as changed.
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(named(clusterName, "cluster",
        ordered("server", serverUrl, "certificate-authority-data", caData))));
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("token", credentials.token());
    config.put("users", List.of(named(userName, "user", user)));
    config.put("contexts", List.of(named(clusterName, "context",
        ordered("cluster", clusterName, "user", userName))));
    config.put("current-context", clusterName);
    config.put("preferences", new LinkedHashMap<>());
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rendering the kubeconfig of cluster " + clusterName, e);
    }
  }

  private static Map<String, Object> named(String name, String key, Map<String, Object> value) {
    return ordered("name", name, key, value);
  }

  private static Map<String, Object> ordered(String key1, Object value1, String key2,
      Object value2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key1, value1);
    map.put(key2, value2);
    return map;
  }
}
