package dev.provisioner.provider.knative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class KnativeServiceObjectTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static ObjectNode build(String propertiesYaml) throws Exception {
    return KnativeServiceObject.build((ObjectNode) YAML.readTree(propertiesYaml));
  }

  @Test
  void scaleBecomesAutoscalingAnnotations() throws Exception {
    ObjectNode service =
        build("{namespace: apps, name: hello, image: img, scale: {min: 1, max: 10, target: 100}}");

    JsonNode annotations = service.at("/spec/template/metadata/annotations");
    assertEquals("1", annotations.get("autoscaling.knative.dev/min-scale").asText());
    assertEquals("10", annotations.get("autoscaling.knative.dev/max-scale").asText());
    assertEquals("100", annotations.get("autoscaling.knative.dev/target").asText());
    assertFalse(annotations.has("autoscaling.knative.dev/class"));
  }

  @Test
  void cpuMetricSelectsHpaClass() throws Exception {
    ObjectNode service =
        build("{namespace: a, name: b, image: c, scale: {metric: cpu, target: 70}}");

    JsonNode annotations = service.at("/spec/template/metadata/annotations");
    assertEquals("cpu", annotations.get("autoscaling.knative.dev/metric").asText());
    assertEquals(
        "hpa.autoscaling.knative.dev", annotations.get("autoscaling.knative.dev/class").asText());
  }

  @Test
  void clusterLocalSetsVisibilityLabel() throws Exception {
    ObjectNode service = build("{namespace: a, name: b, image: c, visibility: cluster-local}");

    assertEquals(
        "cluster-local",
        service.at("/metadata/labels").get("networking.knative.dev/visibility").asText());
  }

  @Test
  void envIsSortedAndTrafficCopied() throws Exception {
    ObjectNode service =
        build(
            """
            namespace: a
            name: b
            image: c
            env: {ZED: "1", ALPHA: two}
            ports: [{containerPort: 8080, name: h2c}]
            traffic:
            - {latestRevision: true, percent: 80}
            - {revisionName: b-00001, percent: 20, tag: old}
            """);

    JsonNode container = service.at("/spec/template/spec/containers/0");
    assertEquals("ALPHA", container.at("/env/0/name").asText());
    assertEquals("ZED", container.at("/env/1/name").asText());
    assertEquals(8080, container.at("/ports/0/containerPort").asInt());
    assertEquals("h2c", container.at("/ports/0/name").asText());
    assertEquals(80, service.at("/spec/traffic/0/percent").asInt());
    assertEquals("b-00001", service.at("/spec/traffic/1/revisionName").asText());
    assertEquals("old", service.at("/spec/traffic/1/tag").asText());
  }
}
