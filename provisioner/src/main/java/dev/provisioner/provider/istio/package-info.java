/**
 * The {@code istio} provider: installs a pinned Istio from a rendered manifest, from the release
 * catalogue or the user's own, with the object-apply machinery of {@code provider.kubernetes}.
 */
package dev.provisioner.provider.istio;
