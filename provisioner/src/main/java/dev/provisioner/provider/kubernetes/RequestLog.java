package dev.provisioner.provider.kubernetes;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every request to a cluster at debug level (method, URL, status, milliseconds) and counts
 * them. Headers and bodies are never logged, so bearer tokens and certificates stay out of logs;
 * URLs carry only object paths and query options.
 */
final class RequestLog implements Interceptor {

  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

  private final String cluster;
  /**
   * Start times by method and URL. The client hands {@link #after} a rebuilt request whose id
   * differs from the one {@link #before} saw, so the id cannot be the key; two identical
   * requests in flight at once share an entry and one of them logs a shorter time.
   */
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final AtomicLong count = new AtomicLong();

  RequestLog(String cluster) {
    this.cluster = cluster;
  }

  /** Returns how many requests got a response or failed to connect so far. */
  long count() {
    return count.get();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    started.put(key(request), System.nanoTime());
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    count.incrementAndGet();
    Long start = started.remove(key(request));
    long millis = start == null ? -1 : (System.nanoTime() - start) / 1_000_000;
    log.debug(
        "{}: {} {} -> {} in {} ms",
        cluster,
        request.method(),
        request.uri(),
        response.code(),
        millis);
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    count.incrementAndGet();
    started.remove(key(request));
    log.debug("{}: {} {} failed: {}", cluster, request.method(), request.uri(), failure.toString());
  }

  private static String key(HttpRequest request) {
    return request.method() + " " + request.uri();
  }
}
