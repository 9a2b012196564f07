package dev.provisioner.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Configures the SLF4J simple binding once per JVM, before the first logger is created: level
 * from {@code PROVISIONER_LOG} ({@code error}, {@code warn}, {@code info}, {@code debug},
 * {@code trace}; default {@code warn}) or {@code --debug}, destination from
 * {@code PROVISIONER_LOG_PATH} (a file, appended to; default stderr).
 */
final class Logging {

  /** Environment variable selecting the log level. */
  static final String LEVEL_VARIABLE = "PROVISIONER_LOG";
  /** Environment variable naming a log file. */
  static final String PATH_VARIABLE = "PROVISIONER_LOG_PATH";

  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private Logging() {}

  /** Sets the binding's system properties; an explicit {@code -D} setting wins. */
  static void configure(boolean debug, Map<String, String> environment) {
    String level = environment.getOrDefault(LEVEL_VARIABLE, "").toLowerCase(Locale.ROOT).strip();
    if (!level.matches("error|warn|info|debug|trace")) {
      level = "warn";
    }
    if (debug && !level.equals("trace")) {
      level = "debug";
    }
    setIfAbsent("defaultLogLevel", level);
    // The Azure SDK's JDK transport warns on every request with a body that java.net.http sets
    // Content-Length itself; that is expected, and it would print a line per state upload.
    setIfAbsent("log.com.azure.core.http.jdk.httpclient.JdkHttpClient", "error");
    // fabric8 warns once per custom resource kind served at an alpha or beta version; Istio and
    // Knative release manifests use several, and the warning is no use to a stack's author.
    setIfAbsent("log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
    String path = environment.get(PATH_VARIABLE);
    if (path != null && !path.isBlank()) {
      setIfAbsent("logFile", path);
    }
    setIfAbsent("showDateTime", "true");
    setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    setIfAbsent("showThreadName", "true");
    setIfAbsent("showShortLogName", "true");
    setIfAbsent("levelInBrackets", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, value);
    }
  }
}
