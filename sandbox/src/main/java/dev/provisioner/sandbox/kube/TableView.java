package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders objects as the {@code meta.k8s.io/v1} Table that kubectl requests with {@code Accept:
 * application/json;as=Table}, with the columns kube-apiserver prints for common kinds and a CRD's
 * {@code additionalPrinterColumns} for custom resources.
 */
final class TableView {

  private static final Pattern FILTER =
      Pattern.compile("\\[\\?\\(@\\.([A-Za-z0-9_]+)\\s*==\\s*['\"]([^'\"]*)['\"]\\)\\]");

  /** One column: its header, type and how a row's cell is computed. */
  private record Column(String name, String type, Function<JsonNode, Object> cell) {}

  private TableView() {}

  /** Returns whether the Accept header requests a Table. */
  static boolean isRequested(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static ObjectNode render(List<JsonNode> objects, ResourceInfo resource, JsonNode definition) {
    List<Column> columns = columns(resource, definition);
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      ObjectNode node = definitions.addObject();
      node.put("name", column.name());
      node.put("type", column.type());
      node.put("format", column.name().equals("Name") ? "name" : "");
      node.put("description", "");
      node.put("priority", 0);
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column column : columns) {
        cells.addPOJO(column.cell().apply(object));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return table;
  }

  private static List<Column> columns(ResourceInfo resource, JsonNode definition) {
    List<Column> columns = new ArrayList<>();
    columns.add(
        new Column("Name", "string", object -> object.path("metadata").path("name").asText()));
    if (resource.isCustom()) {
      for (JsonNode version : definition.path("spec").path("versions")) {
        if (!version.path("name").asText().equals(resource.version())) {
          continue;
        }
        for (JsonNode printer : version.path("additionalPrinterColumns")) {
          String path = printer.path("jsonPath").asText();
          String type = printer.path("type").asText("string");
          columns.add(
              new Column(
                  printer.path("name").asText(),
                  type.equals("date") ? "string" : type,
                  object ->
                      type.equals("date")
                          ? age(text(evaluate(object, path)))
                          : text(evaluate(object, path))));
        }
      }
      if (columns.size() == 1) {
        columns.add(age());
      }
      return columns;
    }
    switch (resource.kind()) {
      case "Node":
        columns.add(new Column("Status", "string", TableView::nodeStatus));
        columns.add(new Column("Roles", "string", TableView::nodeRoles));
        columns.add(age());
        columns.add(
            new Column(
                "Version",
                "string",
                object -> object.path("status").path("nodeInfo").path("kubeletVersion").asText()));
        break;
      case "Namespace":
        columns.add(
            new Column("Status", "string", object -> object.path("status").path("phase").asText()));
        columns.add(age());
        break;
      case "Deployment":
        columns.add(
            new Column(
                "Ready",
                "string",
                object ->
                    object.path("status").path("readyReplicas").asInt(0)
                        + "/"
                        + object.path("spec").path("replicas").asInt(1)));
        columns.add(
            new Column(
                "Up-to-date",
                "integer",
                object -> object.path("status").path("updatedReplicas").asInt(0)));
        columns.add(
            new Column(
                "Available",
                "integer",
                object -> object.path("status").path("availableReplicas").asInt(0)));
        columns.add(age());
        break;
      case "Service":
        columns.add(
            new Column(
                "Type", "string", object -> object.path("spec").path("type").asText("ClusterIP")));
        columns.add(
            new Column(
                "Cluster-IP",
                "string",
                object -> object.path("spec").path("clusterIP").asText("<none>")));
        columns.add(new Column("External-IP", "string", TableView::externalAddress));
        columns.add(new Column("Port(s)", "string", TableView::servicePorts));
        columns.add(age());
        break;
      case "ConfigMap":
        columns.add(new Column("Data", "integer", object -> object.path("data").size()));
        columns.add(age());
        break;
      case "CustomResourceDefinition":
        columns.add(
            new Column(
                "Created At",
                "date",
                object -> object.path("metadata").path("creationTimestamp").asText()));
        break;
      default:
        columns.add(age());
        break;
    }
    return columns;
  }

  private static Column age() {
    return new Column(
        "Age",
        "string",
        object -> age(object.path("metadata").path("creationTimestamp").asText("")));
  }

  /**
   * Formats the time since {@code timestamp} as kubectl does, for example {@code 42s} or {@code
   * 3m12s}.
   */
  static String age(String timestamp) {
    Duration age;
    try {
      age = Duration.between(Instant.parse(timestamp), Instant.now());
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
    long seconds = Math.max(0, age.getSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return minutes + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    long hours = minutes / 60;
    if (hours < 3) {
      return minutes + "m";
    }
    if (hours < 8) {
      return hours + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    return days < 8 && hours % 24 != 0 ? days + "d" + hours % 24 + "h" : days + "d";
  }

  private static String nodeStatus(JsonNode node) {
    for (JsonNode condition : node.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return condition.path("status").asText().equals("True") ? "Ready" : "NotReady";
      }
    }
    return "Unknown";
  }

  /**
   * Returns the ROLES cell as the Kubernetes node printer builds it: the names after
   * {@code node-role.kubernetes.io/} and the value of {@code kubernetes.io/role}, sorted
   * without duplicates.
   */
  static String nodeRoles(JsonNode node) {
    Set<String> roles = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> labels = node.path("metadata").path("labels").fields();
    while (labels.hasNext()) {
      Map.Entry<String, JsonNode> label = labels.next();
      String key = label.getKey();
      if (key.startsWith("node-role.kubernetes.io/")) {
        String role = key.substring("node-role.kubernetes.io/".length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (key.equals("kubernetes.io/role") && !label.getValue().asText().isEmpty()) {
        roles.add(label.getValue().asText());
      }
    }
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String externalAddress(JsonNode service) {
    List<String> addresses = new ArrayList<>();
    service
        .path("status")
        .path("loadBalancer")
        .path("ingress")
        .forEach(
            ingress -> addresses.add(ingress.path("ip").asText(ingress.path("hostname").asText())));
    if (!addresses.isEmpty()) {
      return String.join(",", addresses);
    }
    return service.path("spec").path("type").asText().equals("LoadBalancer")
        ? "<pending>"
        : "<none>";
  }

  private static String servicePorts(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.path("spec").path("ports")) {
      String text = port.path("port").asText();
      if (port.has("nodePort")) {
        text += ":" + port.path("nodePort").asText();
      }
      ports.add(text + "/" + port.path("protocol").asText("TCP"));
    }
    return ports.isEmpty() ? "<none>" : String.join(",", ports);
  }

  /**
   * Evaluates the JSONPath subset printer columns use: dotted fields and one filter such as {@code
   * .status.conditions[?(@.type=="Ready")].status}.
   */
  static JsonNode evaluate(JsonNode object, String path) {
    JsonNode current = object;
    String rest = path.startsWith(".") ? path.substring(1) : path;
    while (!rest.isEmpty() && current != null && !current.isMissingNode()) {
      Matcher filter = FILTER.matcher(rest);
      if (filter.lookingAt()) {
        JsonNode match = null;
        for (JsonNode item : current) {
          if (item.path(filter.group(1)).asText().equals(filter.group(2))) {
            match = item;
            break;
          }
        }
        current = match;
        rest = rest.substring(filter.end());
        rest = rest.startsWith(".") ? rest.substring(1) : rest;
        continue;
      }
      int end = indexOfAny(rest);
      current = current.get(rest.substring(0, end));
      rest = rest.substring(end);
      rest = rest.startsWith(".") ? rest.substring(1) : rest;
    }
    return current;
  }

  private static int indexOfAny(String text) {
    int dot = text.indexOf('.');
    int bracket = text.indexOf('[');
    if (dot < 0) {
      return bracket < 0 ? text.length() : bracket;
    }
    return bracket < 0 ? dot : Math.min(dot, bracket);
  }

  private static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : Json.write(value);
  }
}
