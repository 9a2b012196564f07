package dev.provisioner.cli;

import dev.provisioner.config.Stack;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.provider.azure.AksCredentials;
import dev.provisioner.sandbox.RunningSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner sandbox serve STACK}: keeps the stack's sandbox running so that kubectl and
 * az-style tools can reach it, until Ctrl-C. It prints the ARM URL and writes one kubeconfig
 * file per AKS cluster of the world.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the sandbox of a stack whose azure.cloud is sandbox until Ctrl-C.",
        "Prints the ARM endpoint and writes a kubeconfig per AKS cluster under "
            + ".provisioner/sandbox/kubeconfigs/ for kubectl --kubeconfig.",
        "While it serves, it holds the world's lock: plan, apply and destroy of the same "
            + "stack fail with an error until it stops."})
final class SandboxServeCommand implements Callable<Integer> {

  /** Folder of the kubeconfig files, inside the world folder. */
  static final String KUBECONFIG_FOLDER = "kubeconfigs";

  @Mixin StackOptions stack;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Stack loaded = stack.load();
    PrintWriter err = spec.commandLine().getErr();
    if (!SandboxSession.usesSandbox(loaded.azure())) {
      err.printf("Stack '%s' does not run on the sandbox (azure.cloud is %s); set azure.cloud:"
          + " sandbox to serve it.%n", loaded.name(), loaded.azure().path("cloud").asText("unset"));
      return ExitCodes.ERROR;
    }
    Path workingDirectory = workingDirectory(loaded);
    try (SandboxSession session = SandboxSession.start(loaded.azure(), workingDirectory)) {
      RunningSandbox sandbox = session.sandbox().orElseThrow();
      announce(sandbox, settings(loaded, workingDirectory, session.endpoints()),
          spec.commandLine().getOut());
      // Closing on the signal saves the world, and the command then exits 0 as Ctrl-C is the
      // normal way to stop serving.
      try (Interrupts stop = Interrupts.stopOnTermination(sandbox::close)) {
        sandbox.serveUntilShutdown();
      }
    }
    return ExitCodes.OK;
  }

  /** Returns the folder runs of {@code stack} keep their data in, as the other commands do. */
  static Path workingDirectory(Stack stack) {
    return stack.file().toAbsolutePath().getParent().resolve(".provisioner");
  }

  private RunSettings settings(Stack loaded, Path workingDirectory, Map<String, String> endpoints) {
    return new RunSettings(loaded.name(), loaded.file().toAbsolutePath().getParent(),
        workingDirectory, loaded.azure().deepCopy(), stack.environment(), Optional.empty(),
        endpoints);
  }

  /**
   * Prints where the sandbox serves and writes each cluster's kubeconfig, readable by the owner
   * only because it carries the cluster's credentials.
   */
  static void announce(RunningSandbox sandbox, RunSettings settings, PrintWriter out)
      throws IOException {
    sandbox.describe().forEach(out::println);
    out.flush();
    Path folder = sandbox.worldFolder().resolve(KUBECONFIG_FOLDER);
    Files.createDirectories(folder);
    Map<String, String> kubeconfigs = AksCredentials.userKubeconfigs(settings);
    if (kubeconfigs.isEmpty()) {
      out.println("No AKS clusters yet: apply the stack, then serve it again for kubeconfigs.");
    }
    for (Map.Entry<String, String> cluster : kubeconfigs.entrySet()) {
      Path file = folder.resolve(cluster.getKey().replace('/', '_') + ".yaml");
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, cluster.getValue());
      out.printf("cluster %s: kubectl --kubeconfig %s get nodes%n", cluster.getKey(), file);
    }
    out.println("Serving until Ctrl-C.");
    out.flush();
  }
}
