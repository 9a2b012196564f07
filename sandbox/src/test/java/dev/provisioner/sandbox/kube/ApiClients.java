package dev.provisioner.sandbox.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Clients of a cluster API for tests: fabric8 from the kubeconfig, and raw HTTPS trusting its CA.
 */
final class ApiClients {

  private final ClusterApiServer server;
  private final HttpClient http;
  private final String token;

  ApiClients(ClusterApiServer server) {
    this.server = server;
    this.http =
        HttpClient.newBuilder()
            .sslContext(trusting(server.caCertificatePem()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      this.token =
          Json.parseYaml(server.kubeconfig())
              .path("users")
              .get(0)
              .path("user")
              .path("token")
              .asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  KubernetesClient fabric8() {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(server.kubeconfig()))
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null, null, true);
  }

  /** Sends a GET with the Accept header kubectl uses to ask for a Table. */
  HttpResponse<String> getTable(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.serverUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> apply(String path, String fieldManager, boolean force, String yaml) {
    String query = "?fieldManager=" + fieldManager + (force ? "&force=true" : "");
    return send("PATCH", path + query, "application/apply-patch+yaml", yaml, true);
  }

  HttpResponse<String> send(
      String method, String path, String contentType, String body, boolean withToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.serverUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (withToken) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens a watch over plain HTTP and returns its event lines as they arrive. */
  java.util.Iterator<String> watchLines(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.serverUrl() + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofLines()).body().iterator();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static SSLContext trusting(String caPem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "ca",
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
