package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class StackOptionsTest {

  @Command(name = "holder")
  static final class Holder {
    @Mixin StackOptions stack;
  }

  private static StackOptions parse(String... args) {
    return CommandLine.populateCommand(new Holder(), args).stack;
  }

  @Test
  void manifestMirrorOptionSetsMirrorVariable() {
    Path base = Path.of("/tmp/work").toAbsolutePath();

    StackOptions options = parse("s.yaml", "--chdir", base.toString(),
        "--manifest-mirror", "mirror");

    assertEquals(base.resolve("mirror").toString(),
        options.environment().get(RunSession.MANIFEST_MIRROR_VARIABLE));
  }

  @Test
  void withoutManifestMirrorEnvironmentIsUnchanged() {
    StackOptions options = parse("s.yaml");

    assertEquals(System.getenv(RunSession.MANIFEST_MIRROR_VARIABLE),
        options.environment().get(RunSession.MANIFEST_MIRROR_VARIABLE));
  }
}
