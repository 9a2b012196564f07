/**
 * The sandbox: a local cloud that speaks the Azure Resource Manager REST API over HTTPS on
 * 127.0.0.1, whose AKS clusters are local Kubernetes APIs.
 *
 * <p>Package {@code sandbox.arm} serves ARM; package {@code sandbox.kube} serves each cluster's
 * Kubernetes API and plays its controllers. They meet at {@link
 * dev.provisioner.sandbox.ClusterHost}: the ARM side calls it to start, reshape and remove
 * clusters.
 */
package dev.provisioner.sandbox;
