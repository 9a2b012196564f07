/**
 * The {@code knative} provider: Knative Serving from pinned release manifests, and Knative
 * services built from a few properties, applied with the machinery of
 * {@code provider.kubernetes}.
 */
package dev.provisioner.provider.knative;
