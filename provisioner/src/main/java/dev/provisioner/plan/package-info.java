/**
 * Third stage of the pipeline: refresh recorded resources, compare the stack's desired attributes
 * with them, and produce a {@link dev.provisioner.plan.Plan}.
 *
 * <p>{@link dev.provisioner.plan.Refresher} reads what state recorded through the providers and
 * reports drift; {@link dev.provisioner.plan.Planner} evaluates each resource's properties, asks
 * its type to plan them and classifies the difference with
 * {@link dev.provisioner.plan.AttributeDiff}. A plan can be written to a file and read back by
 * {@link dev.provisioner.plan.PlanFile}. Nothing here writes state or prints.
 */
package dev.provisioner.plan;
