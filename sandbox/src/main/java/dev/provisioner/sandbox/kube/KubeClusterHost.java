package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.ClusterEndpoint;
import dev.provisioner.sandbox.ClusterHost;
import dev.provisioner.sandbox.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs one {@link ClusterApiServer} per sandbox AKS cluster, each kept in its own folder under
 * {@code <world>/clusters/}, and shapes the Node objects and add-on workloads AKS would show.
 */
public final class KubeClusterHost implements ClusterHost {

  private static final String MANAGER = "aks-sandbox";
  private static final String ADDON_LABEL = "kubernetes.azure.com/managedby";

  private final Path clustersFolder;
  private final Map<String, ClusterApiServer> running = new HashMap<>();

  /** Creates a host that keeps its clusters under {@code worldFolder}. */
  public KubeClusterHost(Path worldFolder) {
    this.clustersFolder = worldFolder.resolve("clusters");
  }

  @Override
  public synchronized ClusterEndpoint start(
      String clusterId, String clusterName, String kubernetesVersion) {
    ClusterApiServer server = running.get(key(clusterId));
    if (server == null) {
      server =
          ClusterApiServer.start(folderOf(clusterId, clusterName), clusterName, kubernetesVersion);
      running.put(key(clusterId), server);
    } else {
      server.setKubernetesVersion(kubernetesVersion);
    }
    return server.endpoint();
  }

  /** Returns the running API server of a cluster, for tests and for {@code sandbox serve}. */
  public synchronized ClusterApiServer server(String clusterId) {
    ClusterApiServer server = running.get(key(clusterId));
    if (server == null) {
      throw new IllegalStateException("cluster " + clusterId + " is not started");
    }
    return server;
  }

  @Override
  public synchronized void syncNodes(String clusterId, List<NodeSpec> nodes) {
    ClusterObjects objects = server(clusterId).objects();
    Set<String> desired = new java.util.HashSet<>();
    for (NodeSpec node : nodes) {
      desired.add(node.name());
      String path = "/api/v1/nodes/" + node.name();
      ObjectNode stored = objects.apply(path, NodeObjects.node(node), MANAGER);
      objects.writeStatus(path, NodeObjects.status(node, desired.size(), stored.path("status")));
    }
    for (ObjectNode existing : objects.list("/api/v1/nodes")) {
      String name = existing.path("metadata").path("name").asText();
      if (!desired.contains(name)) {
        objects.delete("/api/v1/nodes/" + name);
      }
    }
  }

  @Override
  public synchronized void syncAddons(String clusterId, Set<String> addons) {
    ClusterObjects objects = server(clusterId).objects();
    for (AddonWorkloads.Addon addon : AddonWorkloads.ALL) {
      if (addons.contains(addon.name())) {
        for (AddonWorkloads.Workload workload : addon.workloads()) {
          ensureNamespace(objects, workload.namespace());
          objects.apply(workload.path(), workload.object(), MANAGER);
        }
      } else {
        for (AddonWorkloads.Workload workload : addon.workloads()) {
          objects.delete(workload.path());
        }
        if (addon.ownsNamespace()) {
          objects.delete("/api/v1/namespaces/" + addon.workloads().get(0).namespace());
        }
      }
    }
  }

  @Override
  public synchronized void delete(String clusterId) {
    ClusterApiServer server = running.remove(key(clusterId));
    Path folder = server == null ? findFolder(clusterId) : null;
    if (server != null) {
      server.close();
      folder = findFolder(clusterId);
    }
    if (folder != null) {
      deleteRecursively(folder);
    }
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (ClusterApiServer server : running.values()) {
      try {
        server.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    running.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private static void ensureNamespace(ClusterObjects objects, String namespace) {
    String path = "/api/v1/namespaces/" + namespace;
    if (objects.get(path).isEmpty()) {
      ObjectNode object = Json.object();
      object.put("apiVersion", "v1");
      object.put("kind", "Namespace");
      ObjectNode metadata = object.putObject("metadata");
      metadata.put("name", namespace);
      metadata.putObject("labels").put(ADDON_LABEL, "aks");
      objects.apply(path, object, MANAGER);
    }
  }

  /** ARM ids are case-insensitive; one cluster keeps one folder whatever the casing. */
  private static String key(String clusterId) {
    return clusterId.toLowerCase(Locale.ROOT);
  }

  private Path folderOf(String clusterId, String clusterName) {
    Path existing = findFolder(clusterId);
    if (existing != null) {
      return existing;
    }
    return clustersFolder.resolve(
        clusterName.replaceAll("[^A-Za-z0-9-]", "-") + "-" + idHash(clusterId));
  }

  private Path findFolder(String clusterId) {
    String suffix = "-" + idHash(clusterId);
    if (!Files.isDirectory(clustersFolder)) {
      return null;
    }
    try (Stream<Path> children = Files.list(clustersFolder)) {
      return children
          .filter(child -> child.getFileName().toString().endsWith(suffix))
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + clustersFolder, e);
    }
  }

  private static String idHash(String clusterId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(key(clusterId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + folder, e);
    }
  }
}
