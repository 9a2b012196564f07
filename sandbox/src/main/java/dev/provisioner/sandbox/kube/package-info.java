/**
 * The Kubernetes side of the sandbox: each AKS cluster's API server, built on fabric8's mock
 * server in CRUD mode and extended toward kube-apiserver (token check over HTTPS, discovery,
 * server-side apply with managedFields, strategic merge patch, cascading deletion), plus the
 * controllers that make objects ready as a cluster would and Knative Serving's controller.
 *
 * <p>{@link dev.provisioner.sandbox.kube.ClusterApiServer} runs one cluster on its own (tests of
 * the Kubernetes providers use it directly); {@link dev.provisioner.sandbox.kube.KubeClusterHost}
 * runs the clusters of a sandbox world for the ARM side.
 */
package dev.provisioner.sandbox.kube;
