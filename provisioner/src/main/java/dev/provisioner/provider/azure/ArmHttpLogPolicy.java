package dev.provisioner.provider.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Counts every ARM request attempt and logs it at debug level: method, URL, status, ARM request
 * id and time. It sits after the retry policy, so each retry counts and shows as its own line.
 * Query parameter values other than {@code api-version} and {@code $filter} are redacted because
 * a URL may carry a signature or a code. Headers and bodies are never logged because they carry
 * bearer tokens and credentials.
 */
final class ArmHttpLogPolicy implements HttpPipelinePolicy {

  private static final Logger log = LoggerFactory.getLogger(ArmHttpLogPolicy.class);
  private static final Set<String> VISIBLE_QUERY_PARAMETERS = Set.of("api-version", "$filter");
  private static final Pattern QUERY_PARAMETER = Pattern.compile("([^&=]+)=([^&]*)");

  private final AtomicLong requests = new AtomicLong();

  /** Returns how many requests went through this policy, retries and polls included. */
  long requests() {
    return requests.get();
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    requests.incrementAndGet();
    if (!log.isDebugEnabled()) {
      return next.process();
    }
    long start = System.nanoTime();
    HttpRequest request = context.getHttpRequest();
    return next.process()
        .doOnNext(response -> logResponse(request, response, start))
        .doOnError(error -> logFailure(request, error, start));
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    requests.incrementAndGet();
    if (!log.isDebugEnabled()) {
      return next.processSync();
    }
    long start = System.nanoTime();
    HttpRequest request = context.getHttpRequest();
    try {
      HttpResponse response = next.processSync();
      logResponse(request, response, start);
      return response;
    } catch (RuntimeException e) {
      logFailure(request, e, start);
      throw e;
    }
  }

  private static void logResponse(HttpRequest request, HttpResponse response, long start) {
    log.debug("{} {} -> {} in {} ms (x-ms-request-id {})",
        request.getHttpMethod(),
        redact(request.getUrl()),
        response.getStatusCode(),
        (System.nanoTime() - start) / 1_000_000,
        response.getHeaderValue("x-ms-request-id"));
  }

  private static void logFailure(HttpRequest request, Throwable error, long start) {
    log.debug("{} {} failed after {} ms: {}",
        request.getHttpMethod(),
        redact(request.getUrl()),
        (System.nanoTime() - start) / 1_000_000,
        error.toString());
  }

  /** Returns {@code url} with the values of query parameters other than harmless ones hidden. */
  static String redact(URL url) {
    String query = url.getQuery();
    String base = url.getProtocol() + "://" + url.getAuthority() + url.getPath();
    if (query == null || query.isEmpty()) {
      return base;
    }
    StringBuilder redacted = new StringBuilder();
    var matcher = QUERY_PARAMETER.matcher(query);
    for (String parameter : query.split("&")) {
      if (redacted.length() > 0) {
        redacted.append('&');
      }
      matcher.reset(parameter);
      if (matcher.matches() && !VISIBLE_QUERY_PARAMETERS.contains(matcher.group(1))) {
        redacted.append(matcher.group(1)).append("=REDACTED");
      } else {
        redacted.append(parameter);
      }
    }
    return base + "?" + redacted;
  }
}
