package dev.provisioner.sandbox.kube;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a client needs to reach and trust one cluster's API server, kept in the world folder so a
 * kubeconfig issued in an earlier run keeps working.
 *
 * @param port the TCP port on 127.0.0.1; 0 before the first start picks one
 * @param token the bearer token the server accepts; secret
 * @param tls the cluster CA and serving certificate
 */
public record ClusterCredentials(int port, String token, TlsMaterial tls) {

  public ClusterCredentials {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(tls, "tls");
  }

  /**
   * Creates credentials with a new random token and new certificates; the port is picked at start.
   */
  public static ClusterCredentials generate(String clusterName) {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new ClusterCredentials(
        0, HexFormat.of().formatHex(bytes), TlsMaterial.generate(clusterName));
  }

  /** Returns these credentials bound to {@code boundPort}. */
  public ClusterCredentials withPort(int boundPort) {
    return new ClusterCredentials(boundPort, token, tls);
  }

  @Override
  public String toString() {
    return "ClusterCredentials[port=" + port + ", token=(sensitive value)]";
  }
}
