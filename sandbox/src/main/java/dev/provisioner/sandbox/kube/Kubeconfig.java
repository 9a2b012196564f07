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
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put(
        "clusters",
        List.of(
            Map.of(
                "name",
                clusterName,
                "cluster",
                Map.of("server", serverUrl, "certificate-authority-data", caData))));
    config.put(
        "users", List.of(Map.of("name", userName, "user", Map.of("token", credentials.token()))));
    config.put(
        "contexts",
        List.of(
            Map.of(
                "name", clusterName, "context", Map.of("cluster", clusterName, "user", userName))));
    config.put("current-context", clusterName);
    config.put("preferences", Map.of());
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rendering the kubeconfig of cluster " + clusterName, e);
    }
  }
}
