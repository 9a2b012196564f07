package dev.provisioner.sandbox;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.loganalytics.LogAnalyticsManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.OffsetDateTime;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * Azure SDK management clients pointed at a running sandbox: a custom cloud whose ARM endpoint
 * is the sandbox, the JDK HTTP client trusting only its certificate, and a credential that
 * returns the sandbox's token.
 */
final class SandboxClients {

  final ResourceManager resources;
  final ContainerServiceManager containers;
  final NetworkManager networks;
  final LogAnalyticsManager logAnalytics;
  final HttpClient httpClient;
  final TokenCredential credential;
  final AzureProfile profile;

  SandboxClients(RunningSandbox sandbox) throws Exception {
    this(sandbox, sandbox.token());
  }

  SandboxClients(RunningSandbox sandbox, String token) throws Exception {
    String url = sandbox.armUrl();
    AzureEnvironment environment =
        new AzureEnvironment(
            Map.of(
                "resourceManagerEndpointUrl", url,
                "managementEndpointUrl", url,
                "activeDirectoryEndpointUrl", url,
                "microsoftGraphResourceId", url));
    profile =
        new AzureProfile(sandbox.tenantId(), sandbox.subscriptionId(), environment);
    httpClient =
        new JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder()
                    .sslContext(trusting(sandbox.certificatePem())))
            .build();
    credential =
        request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    resources =
        ResourceManager.configure()
            .withHttpClient(httpClient)
            .authenticate(credential, profile)
            .withSubscription(sandbox.subscriptionId());
    containers =
        ContainerServiceManager.configure().withHttpClient(httpClient)
            .authenticate(credential, profile);
    networks =
        NetworkManager.configure().withHttpClient(httpClient).authenticate(credential, profile);
    logAnalytics =
        LogAnalyticsManager.configure().withHttpClient(httpClient)
            .authenticate(credential, profile);
  }

  static SSLContext trusting(String certificatePem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(
        "sandbox",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.UTF_8))));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
