package dev.provisioner.state.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.util.List;
import java.util.Map;

/** Small state documents for backend tests. */
final class TestStates {

  private TestStates() {}

  /** Returns a state of one resource group whose name records {@code serial}. */
  static StateDocument state(String lineage, long serial) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode attributes = json.objectNode()
        .put("id", "/subscriptions/1/resourceGroups/dev-rg")
        .put("name", "dev-rg-" + serial);
    ResourceState group = new ResourceState("rg", "azure.resourceGroup", "azure", attributes,
        List.of(), List.of(), ResourceStatus.CREATED);
    return new StateDocument(StateDocument.CURRENT_FORMAT_VERSION, lineage, serial,
        List.of(group), Map.of("groupName", new OutputState(json.textNode("dev-rg"), false)));
  }
}
