package dev.provisioner.sandbox;

import java.util.Objects;

/**
 * How to reach one sandbox cluster's Kubernetes API.
 *
 * @param serverUrl the API server URL on 127.0.0.1
 * @param kubeconfig a complete kubeconfig (YAML) with credentials the API server checks; secret
 */
public record ClusterEndpoint(String serverUrl, String kubeconfig) {

  public ClusterEndpoint {
    Objects.requireNonNull(serverUrl, "serverUrl");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
  }

  @Override
  public String toString() {
    return "ClusterEndpoint[serverUrl=" + serverUrl + ", kubeconfig=(sensitive value)]";
  }
}
