/**
 * The Kubernetes side of the sandbox: each AKS cluster's API server, built on fabric8's mock server
 * in CRUD mode. This package extends it toward kube-apiserver with a token check over HTTPS,
 * discovery, server-side apply with managedFields, strategic merge patch and cascading deletion.
 * Controllers make objects ready as a cluster would, Knative Serving's included.
 *
 * <p>{@link dev.provisioner.sandbox.kube.ClusterApiServer} runs one cluster on its own (tests of
 * the Kubernetes providers use it directly); {@link dev.provisioner.sandbox.kube.KubeClusterHost}
 * runs the clusters of a sandbox world for the ARM side.
 */
package dev.provisioner.sandbox.kube;
