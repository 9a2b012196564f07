/**
 * The {@code kubernetes} provider and the object-apply machinery the Istio and Knative providers
 * share: cluster connections, manifest loading and the release catalogue, server-side apply in
 * dependency order, readiness waits, inventory, drift digests and pruning.
 */
package dev.provisioner.provider.kubernetes;
