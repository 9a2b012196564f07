/**
 * The ARM side of the sandbox: an HTTPS endpoint on 127.0.0.1 that speaks the Azure Resource
 * Manager REST API for resource groups, Log Analytics workspaces, virtual networks, AKS managed
 * clusters and agent pools.
 *
 * <p>{@link dev.provisioner.sandbox.arm.ArmServer} checks the bearer token and applies injected
 * faults; {@link dev.provisioner.sandbox.arm.ArmApi} routes each request to a resource handler,
 * which validates as ARM does, stores the resource in the {@link
 * dev.provisioner.sandbox.arm.World} and answers with ARM's status codes, long-running operation
 * headers and error bodies. Completed cluster changes reach the cluster's Kubernetes API through
 * {@link dev.provisioner.sandbox.ClusterHost}.
 */
package dev.provisioner.sandbox.arm;
