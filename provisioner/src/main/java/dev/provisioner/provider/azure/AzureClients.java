package dev.provisioner.provider.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.loganalytics.LogAnalyticsManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.RunSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * The ARM clients of one run, and the one place that decides which cloud, endpoint and
 * credential they use.
 *
 * <p>The stack's {@code azure} block names the cloud ({@code AzurePublic}, {@code AzureChina},
 * {@code AzureUSGovernment} or {@code sandbox}) and the credential ({@code default},
 * {@code azureCli}, {@code environment}, {@code workloadIdentity}, {@code managedIdentity}). For
 * {@code sandbox}, the endpoint, the certificate to trust, the bearer token and the subscription
 * come from {@link RunSettings#endpoints()}, where the CLI published them after starting the
 * sandbox; nothing else in the provider distinguishes the sandbox from a real cloud.
 *
 * <p>Every request goes through one pipeline: request id, the SDK's {@link RetryPolicy}
 * (exponential backoff on 408, 429 and 5xx, {@code Retry-After} honoured), the ARM bearer token
 * policy and {@link ArmHttpLogPolicy}. Management clients are built on first use because each
 * costs a few hundred milliseconds of start-up.
 */
final class AzureClients {

  /** The key under which a run's instance is shared through {@link OperationContext#shared}. */
  static final String SHARED_KEY = "azure.clients";

  static final String CLOUD_SANDBOX = "sandbox";
  private static final int MAX_RETRIES = 5;
  private static final Duration RETRY_BASE_DELAY = Duration.ofMillis(800);
  private static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(30);

  private final AzureProfile profile;
  private final HttpPipeline pipeline;
  private final ArmHttpLogPolicy requestLog;
  private final Lazy<ResourceManager> resources;
  private final Lazy<ContainerServiceManager> containerService;
  private final Lazy<NetworkManager> network;
  private final Lazy<LogAnalyticsManager> logAnalytics;

  private AzureClients(AzureProfile profile, TokenCredential credential, HttpClient httpClient) {
    this.profile = profile;
    this.requestLog = new ArmHttpLogPolicy();
    HttpPipeline pipeline = pipeline(profile, credential, httpClient, requestLog);
    this.pipeline = pipeline;
    this.resources = new Lazy<>(
        () -> ResourceManager.authenticate(pipeline, profile).withSubscription(subscriptionId()));
    this.containerService =
        new Lazy<>(() -> ContainerServiceManager.authenticate(pipeline, profile));
    this.network = new Lazy<>(() -> NetworkManager.authenticate(pipeline, profile));
    this.logAnalytics = new Lazy<>(() -> LogAnalyticsManager.authenticate(pipeline, profile));
  }

  /** Returns the clients of the run that {@code context} belongs to, building them once. */
  static AzureClients of(OperationContext context) {
    return context.shared(SHARED_KEY, AzureClients.class, () -> create(context.settings()));
  }

  /**
   * Builds the clients for the run described by {@code settings}.
   *
   * @throws ProviderException when the {@code azure} block names an unknown cloud or credential,
   *     no subscription is given, or the sandbox's endpoints are missing
   */
  static AzureClients create(RunSettings settings) {
    String cloud = Props.text(settings.azure(), "cloud").orElse("AzurePublic");
    if (CLOUD_SANDBOX.equals(cloud)) {
      return createForSandbox(settings);
    }
    AzureEnvironment environment = environment(cloud);
    String subscriptionId = Props.text(settings.azure(), "subscriptionId")
        .or(() -> Optional.ofNullable(settings.environment().get("AZURE_SUBSCRIPTION_ID")))
        .orElseThrow(() -> new ProviderException("MissingSubscription",
            "no Azure subscription given: set azure.subscriptionId in the stack or the"
                + " AZURE_SUBSCRIPTION_ID environment variable"));
    String tenantId = Props.text(settings.azure(), "tenantId").orElse(null);
    HttpClient httpClient = new JdkHttpClientBuilder().build();
    TokenCredential credential = credential(settings, cloud, tenantId, httpClient);
    AzureProfile profile = new AzureProfile(tenantId, subscriptionId, environment);
    return new AzureClients(profile, credential, httpClient);
  }

  private static AzureClients createForSandbox(RunSettings settings) {
    Map<String, String> endpoints = settings.endpoints();
    String arm = sandboxEndpoint(endpoints, "arm");
    String certificate = sandboxEndpoint(endpoints, "armCertificate");
    String token = sandboxEndpoint(endpoints, "armToken");
    String subscriptionId = sandboxEndpoint(endpoints, "subscriptionId");

    String base = arm.endsWith("/") ? arm.substring(0, arm.length() - 1) : arm;
    Map<String, String> urls = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    urls.put("resourceManagerEndpointUrl", base + "/");
    urls.put("managementEndpointUrl", base + "/");
    AzureProfile profile = new AzureProfile(null, subscriptionId, new AzureEnvironment(urls));

    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder()
        .sslContext(trusting(certificate))
        .connectTimeout(Duration.ofSeconds(10));
    HttpClient httpClient = new JdkHttpClientBuilder(jdk).build();
    // The sandbox issues one bearer token for the whole world and checks it on every request.
    TokenCredential credential = request ->
        Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    return new AzureClients(profile, credential, httpClient);
  }

  private static String sandboxEndpoint(Map<String, String> endpoints, String key) {
    String value = endpoints.get(key);
    if (value == null || value.isBlank()) {
      throw new ProviderException("SandboxNotStarted",
          "azure.cloud is sandbox but the run has no sandbox endpoint '" + key + "': run the"
              + " stack through the provisioner CLI, which starts the sandbox");
    }
    return value;
  }

  private static AzureEnvironment environment(String cloud) {
    switch (cloud) {
      case "AzurePublic":
        return AzureEnvironment.AZURE;
      case "AzureChina":
        return AzureEnvironment.AZURE_CHINA;
      case "AzureUSGovernment":
        return AzureEnvironment.AZURE_US_GOVERNMENT;
      default:
        throw new ProviderException("UnknownCloud", "azure.cloud '" + cloud + "' is not known:"
            + " use AzurePublic, AzureChina, AzureUSGovernment or sandbox");
    }
  }

  private static String authorityHost(String cloud) {
    switch (cloud) {
      case "AzureChina":
        return AzureAuthorityHosts.AZURE_CHINA;
      case "AzureUSGovernment":
        return AzureAuthorityHosts.AZURE_GOVERNMENT;
      default:
        return AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
    }
  }

  /**
   * Builds the credential {@code azure.credential} names. Building one contacts nothing; the
   * first token request does.
   */
  static TokenCredential credential(
      RunSettings settings, String cloud, String tenantId, HttpClient httpClient) {
    String kind = Props.text(settings.azure(), "credential").orElse("default");
    try {
      return buildCredential(kind, settings.environment(), authorityHost(cloud), tenantId,
          httpClient);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ProviderException("CredentialUnavailable", "azure.credential " + kind
          + " cannot be built: " + e.getMessage(), e);
    }
  }

  private static TokenCredential buildCredential(
      String kind,
      Map<String, String> environment,
      String authority,
      String tenantId,
      HttpClient httpClient) {
    // Credentials read AZURE_* variables from the run's environment rather than the process's.
    Configuration configuration = new ConfigurationBuilder(
        path -> Map.of(), path -> Map.of(), path -> environment).build();
    switch (kind) {
      case "default":
        return new DefaultAzureCredentialBuilder()
            .authorityHost(authority)
            .tenantId(tenantId)
            .httpClient(httpClient)
            .configuration(configuration)
            .build();
      case "azureCli":
        return new AzureCliCredentialBuilder().tenantId(tenantId).build();
      case "environment":
        return new EnvironmentCredentialBuilder()
            .authorityHost(authority)
            .httpClient(httpClient)
            .configuration(configuration)
            .build();
      case "workloadIdentity":
        return new WorkloadIdentityCredentialBuilder()
            .authorityHost(authority)
            .tenantId(tenantId != null ? tenantId : environment.get("AZURE_TENANT_ID"))
            .clientId(environment.get("AZURE_CLIENT_ID"))
            .tokenFilePath(environment.get("AZURE_FEDERATED_TOKEN_FILE"))
            .httpClient(httpClient)
            .configuration(configuration)
            .build();
      case "managedIdentity":
        return new ManagedIdentityCredentialBuilder()
            .clientId(environment.get("AZURE_CLIENT_ID"))
            .httpClient(httpClient)
            .configuration(configuration)
            .build();
      default:
        throw new ProviderException("UnknownCredential", "azure.credential '" + kind
            + "' is not known: use default, azureCli, environment, workloadIdentity or"
            + " managedIdentity");
    }
  }

  private static HttpPipeline pipeline(
      AzureProfile profile,
      TokenCredential credential,
      HttpClient httpClient,
      ArmHttpLogPolicy requestLog) {
    RetryOptions retry = new RetryOptions(new ExponentialBackoffOptions()
        .setMaxRetries(MAX_RETRIES)
        .setBaseDelay(RETRY_BASE_DELAY)
        .setMaxDelay(RETRY_MAX_DELAY));
    String scope = profile.getEnvironment().getManagementEndpoint() + "/.default";
    return new HttpPipelineBuilder()
        .httpClient(httpClient)
        .policies(
            new UserAgentPolicy("provisioner"),
            new RequestIdPolicy(),
            new RetryPolicy(retry),
            new AddDatePolicy(),
            new ArmChallengeAuthenticationPolicy(credential, scope),
            requestLog)
        .build();
  }

  private static SSLContext trusting(String pem) {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      int index = 0;
      var pemBytes = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(pemBytes)) {
        trustStore.setCertificateEntry("sandbox-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new ProviderException("InvalidCertificate",
          "the sandbox certificate (endpoint armCertificate) is not a valid PEM certificate: "
              + e.getMessage(), e);
    }
  }

  /** Returns the subscription every request is made in. */
  String subscriptionId() {
    return profile.getSubscriptionId();
  }

  /** Returns the ARM base URL without a trailing slash. */
  String resourceManagerEndpoint() {
    String url = profile.getEnvironment().getResourceManagerEndpoint();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Returns how many HTTP requests this run sent to ARM, retries and polls included. */
  long requestCount() {
    return requestLog.requests();
  }

  /** Returns the pipeline, for ARM calls no management library covers. */
  HttpPipeline pipeline() {
    return pipeline;
  }

  ResourceManager resources() {
    return resources.get();
  }

  ContainerServiceManager containerService() {
    return containerService.get();
  }

  NetworkManager network() {
    return network.get();
  }

  LogAnalyticsManager logAnalytics() {
    return logAnalytics.get();
  }

  /** A value built on first use, once, even when threads race for it. */
  private static final class Lazy<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    T get() {
      T result = value;
      if (result == null) {
        synchronized (this) {
          result = value;
          if (result == null) {
            result = factory.get();
            value = result;
          }
        }
      }
      return result;
    }
  }
}
