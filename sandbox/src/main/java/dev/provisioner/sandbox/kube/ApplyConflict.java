package dev.provisioner.sandbox.kube;

/**
 * One field a server-side apply would change although another field manager owns it.
 *
 * @param manager the owning manager
 * @param apiVersion the API version the owner used, or empty
 * @param field the field path as the API server prints it, for example {@code .spec.replicas}
 */
record ApplyConflict(String manager, String apiVersion, String field) {

  String usingSuffix() {
    return apiVersion.isEmpty() ? "" : " using " + apiVersion;
  }
}
