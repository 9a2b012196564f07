package dev.provisioner.provider.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.provisioner.provider.ProviderException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestStoreTest {

  @TempDir Path temporary;

  @Test
  void sharedFixturesServeAsMirror() {
    ManifestStore store = new ManifestStore(Optional.of(Fixtures.mirror()), temporary);

    for (ReleaseFile file : ReleaseCatalogue.requireKnativeServing("1.15.2").files()) {
      assertTrue(store.read(file).contains("apiVersion"), file.mirrorPath());
    }
    assertTrue(store.read(ReleaseCatalogue.requireIstio("1.22.2")).contains("istiod"));
  }

  @Test
  void digestMismatchNamesBothDigests() throws Exception {
    ReleaseFile file = ReleaseCatalogue.requireKnativeServing("1.15.2").hpa();
    Path altered = temporary.resolve("mirror").resolve(file.mirrorPath());
    Files.createDirectories(altered.getParent());
    Files.writeString(altered, "apiVersion: v1\nkind: ConfigMap\n");
    ManifestStore store = new ManifestStore(Optional.of(temporary.resolve("mirror")), temporary);

    ProviderException error = assertThrows(ProviderException.class, () -> store.read(file));

    assertEquals("DigestMismatch", error.code());
    assertTrue(error.getMessage().contains(file.sha256()), error.getMessage());
    assertTrue(
        error.getMessage().contains(Digests.sha256("apiVersion: v1\nkind: ConfigMap\n")),
        error.getMessage());
  }

  @Test
  void missingMirrorFileNamesMirrorCommand() {
    ManifestStore store = new ManifestStore(Optional.of(temporary.resolve("empty")), temporary);

    ProviderException error =
        assertThrows(
            ProviderException.class, () -> store.read(ReleaseCatalogue.requireIstio("1.22.2")));

    assertEquals("ManifestNotFound", error.code());
    assertTrue(error.getMessage().contains("provisioner mirror"), error.getMessage());
  }

  @Test
  void urlManifestCachedAfterDownload() throws Exception {
    String manifest = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cached\n";
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ns.yaml",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = manifest.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ns.yaml");
    String sha256 = Digests.sha256(manifest);
    try {
      assertEquals(manifest, new ManifestStore(Optional.empty(), temporary).readUrl(url, sha256));
    } finally {
      server.stop(0);
    }

    String again = new ManifestStore(Optional.empty(), temporary).readUrl(url, sha256);

    assertEquals(manifest, again);
    assertEquals(1, requests.get());
    assertTrue(Files.exists(temporary.resolve("url").resolve(sha256).resolve("ns.yaml")));
  }

  @Test
  void wrongDigestDownloadNotCached() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/bad.yaml",
        exchange -> {
          byte[] body = "kind: Other\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bad.yaml");
    String pinned = Digests.sha256("something else");
    ManifestStore store = new ManifestStore(Optional.empty(), temporary);
    try {
      ProviderException error =
          assertThrows(ProviderException.class, () -> store.readUrl(url, pinned));

      assertEquals("DigestMismatch", error.code());
    } finally {
      server.stop(0);
    }
    assertTrue(Files.notExists(temporary.resolve("url").resolve(pinned)));
  }
}
