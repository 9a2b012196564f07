package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.StateDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan saved with {@code plan --out FILE} for a later {@code apply FILE}.
 *
 * <p>The file is the plan JSON document plus the stack file it was made from. It records the
 * stack's source hash and the state's lineage and serial; apply rejects it as stale when either
 * moved. It also records the variable values the plan was made with, so that apply loads the
 * stack with the same ones. Sensitive values are not stored: apply resolves them again from the
 * stack and state, and fails the resource when a value resolved then would change what the plan
 * does.
 *
 * @param plan the plan, sensitive values left out
 * @param stackFile the stack file the plan was made from
 * @param variables the variable values the plan was made with
 */
public record PlanFile(Plan plan, Path stackFile, PlanVariables variables) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the plan to {@code file}, readable by its owner only. */
  public void write(Path file) throws IOException {
    ObjectNode root = PlanJson.encode(plan);
    root.put("stackFile", stackFile.toAbsolutePath().toString());
    root.set("variables", variables.toJson());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.write(temp, MAPPER.writeValueAsBytes(root));
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Returns whether {@code file} looks like a saved plan rather than a stack. */
  public static boolean isPlanFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      return root != null && root.has("resourceChanges") && root.has("stackFile");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a saved plan.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a saved plan
   */
  public static PlanFile read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    if (root == null || !root.has("stackFile")) {
      throw new IllegalArgumentException(file + " is not a saved plan");
    }
    return new PlanFile(PlanJson.decode(root), Path.of(root.get("stackFile").asText()),
        PlanVariables.fromJson(root.path("variables")));
  }

  /**
   * Returns the plan with the sensitive prior values that the file left out filled in from
   * {@code state}, which must be the state the plan was made from.
   */
  public Plan withSensitiveValuesFrom(Optional<StateDocument> state) {
    List<ResourceChange> changes = new ArrayList<>();
    for (ResourceChange change : plan.changes()) {
      Optional<ResourceState> recorded = state.flatMap(s -> s.resource(change.address()));
      Optional<ObjectNode> prior = change.prior().map(p -> {
        ObjectNode filled = p.deepCopy();
        recorded.ifPresent(r -> change.sensitivePaths().forEach(path ->
            JsonValues.put(filled, path, JsonValues.get(r.attributes(), path))));
        return filled;
      });
      changes.add(new ResourceChange(change.address(), change.type(), change.provider(),
          change.action(), prior, change.planned(), change.sensitivePaths(),
          change.dependencies(), change.recovered()));
    }
    // Sensitive outputs get their recorded value back; their planned value is resolved again
    // when apply records the outputs.
    List<OutputChange> outputs = new ArrayList<>();
    for (OutputChange output : plan.outputs()) {
      Optional<JsonNode> recorded = state.flatMap(s -> Optional.ofNullable(
          s.outputs().get(output.name()))).map(OutputState::value);
      outputs.add(output.sensitive() && output.before().isEmpty()
          ? new OutputChange(output.name(), output.action(), recorded, output.after(), true)
          : output);
    }
    return new Plan(plan.stackName(), plan.stackHash(), plan.lineage(), plan.serial(),
        plan.destroy(), changes, plan.drift(), outputs, plan.targets(), plan.warnings());
  }
}
