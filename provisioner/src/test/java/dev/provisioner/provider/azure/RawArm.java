package dev.provisioner.provider.azure;

import dev.provisioner.sandbox.RunningSandbox;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plain HTTPS calls to the sandbox's ARM API, bypassing the provider and the SDK: what someone
 * changing a resource in the portal or with {@code az} would do.
 */
final class RawArm {

  private final RunningSandbox sandbox;
  private final HttpClient client;

  RawArm(RunningSandbox sandbox) throws Exception {
    this.sandbox = sandbox;
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("sandbox", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(
            sandbox.certificatePem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    this.client = HttpClient.newBuilder().sslContext(tls).build();
  }

  /**
   * Sends {@code method} with a JSON {@code body} to {@code path} (starting with /subscriptions).
   */
  HttpResponse<String> send(String method, String path, String body) throws Exception {
    String base = sandbox.armUrl().replaceAll("/$", "");
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + sandbox.token())
        .header("Content-Type", "application/json")
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends like {@link #send} and, when ARM starts a long-running operation, polls its
   * {@code Azure-AsyncOperation} URL until the operation ends, as {@code az} does.
   */
  HttpResponse<String> sendAndWait(String method, String path, String body) throws Exception {
    HttpResponse<String> response = send(method, path, body);
    var operation = response.headers().firstValue("Azure-AsyncOperation");
    while (operation.isPresent()) {
      HttpRequest poll = HttpRequest.newBuilder(URI.create(operation.get()))
          .header("Authorization", "Bearer " + sandbox.token())
          .build();
      String status = client.send(poll, HttpResponse.BodyHandlers.ofString()).body();
      if (!status.contains("\"InProgress\"")) {
        break;
      }
      Thread.sleep(100);
    }
    return response;
  }
}
