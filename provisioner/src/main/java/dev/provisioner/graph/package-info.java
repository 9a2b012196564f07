/**
 * Second stage of the pipeline: the dependency graph between resources, cycle detection, and the
 * bounded-parallel walk that plan, apply and destroy use.
 */
package dev.provisioner.graph;
