package dev.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.Stack;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.StateBackend;
import dev.provisioner.state.StateMigration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provisioner state migrate STACK --to-backend KIND ...}: copies the stack's state from
 * the backend its {@code backend} block names to another one, unchanged, so that lineage and
 * serial stay valid. Both states are locked during the copy. The stack file is not edited: the
 * command prints the backend block to put in it.
 *
 * <p>Examples: {@code state migrate dev.yaml --to-backend azureBlob --storage-account tfstate
 * --container state --key dev.json} moves local state to a blob; with the stack then naming that
 * blob, {@code state migrate dev.yaml --to-backend local} moves it back to
 * {@code .provisioner/<stack>.state.json}.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Copies the stack's state to another backend with the same lineage and "
        + "serial, locking both. The source is the backend in the stack's backend block; it is "
        + "left as it was.",
        "Afterwards, put the printed backend block in the stack file."})
public final class StateMigrateCommand extends StackCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--to-backend", required = true, paramLabel = "KIND",
      description = "Backend to copy the state to: local or azureBlob.")
  String toBackend;

  @Option(names = "--path", paramLabel = "FILE",
      description = "local: state file to write, relative to the stack file's folder; "
          + "default .provisioner/<stack>.state.json.")
  Path path;

  @Option(names = "--storage-account", paramLabel = "NAME",
      description = "azureBlob: storage account name.")
  String storageAccount;

  @Option(names = "--container", paramLabel = "NAME",
      description = "azureBlob: blob container holding the state.")
  String container;

  @Option(names = "--key", paramLabel = "BLOB",
      description = "azureBlob: name of the state blob; default <stack>.json.")
  String key;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "azureBlob: blob service endpoint; default from "
          + "AZURE_STORAGE_CONNECTION_STRING, else https://<account>.blob.core.windows.net.")
  String endpoint;

  @Option(names = "--create-container",
      description = "azureBlob: creates the container when it does not exist.")
  boolean createContainer;

  /** Environment the azureBlob credentials come from; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Option(names = "--force",
      description = "Replaces a target that holds another stack's state or a newer serial.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Stack stack = loadStack();
    StateBackend source = BackendFactory.create(stack, environment);
    Target target = target(stack);

    StateMigration.Result result =
        new StateMigration(lockTimeout).migrate(source, target.backend(), force);

    if (output.json()) {
      out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(stack, result)));
    } else {
      printText(stack, result, target);
    }
    return ExitCodes.OK;
  }

  private Target target(Stack stack) {
    Path stackDirectory = stack.file().toAbsolutePath().getParent();
    switch (toBackend.toLowerCase(Locale.ROOT)) {
      case "local": {
        Path file = path == null
            ? BackendFactory.defaultPath(stack.name(), stackDirectory)
            : stackDirectory.resolve(path).normalize();
        String block = "local:\n    path: " + stackDirectory.relativize(file);
        return new Target(new LocalBackend(file), block);
      }
      case "azureblob": {
        if (storageAccount == null || container == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--to-backend azureBlob needs --storage-account and --container");
        }
        String blobKey = key == null ? stack.name() + ".json" : key;
        StateBackend backend = AzureBlobBackends.create(storageAccount, container, blobKey,
            Optional.ofNullable(endpoint), createContainer, environment, null);
        String block = "azureBlob:\n    storageAccount: " + storageAccount + "\n    container: "
            + container + "\n    key: " + blobKey
            + (endpoint == null ? "" : "\n    endpoint: " + endpoint)
            + (createContainer ? "\n    createContainer: true" : "");
        return new Target(backend, block);
      }
      default:
        throw new CommandLine.ParameterException(spec.commandLine(),
            "invalid --to-backend '" + toBackend + "'; use local or azureBlob");
    }
  }

  private void printText(Stack stack, StateMigration.Result result, Target target) {
    PrintWriter out = out();
    if (result.outcome() == StateMigration.Outcome.ALREADY_CURRENT) {
      out.printf("%s already holds state of stack '%s' at lineage %s, serial %d; nothing was "
          + "copied.%n", result.target(), stack.name(), result.lineage(), result.serial());
    } else {
      out.printf("%s state of stack '%s' (lineage %s, serial %d)%n  from %s%n  to   %s%n",
          result.outcome() == StateMigration.Outcome.REPLACED ? "Replaced the target with the"
              : "Copied the",
          stack.name(), result.lineage(), result.serial(), result.source(), result.target());
    }
    out.printf("%nPoint the stack at the new location by setting its backend block to:%n%n"
        + "backend:%n  %s%n%n", target.block().replace("\n", System.lineSeparator() + "  "));
    out.printf("The state at %s was left as it was; delete it once the stack uses the new "
        + "backend.%n", result.source());
  }

  private static ObjectNode json(Stack stack, StateMigration.Result result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("stack", stack.name());
    node.put("lineage", result.lineage());
    node.put("serial", result.serial());
    node.put("source", result.source());
    node.put("target", result.target());
    node.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
    return node;
  }

  /** The target backend and the backend block that names it. */
  private record Target(StateBackend backend, String block) {}
}
