/**
 * First stage of the pipeline: loads a stack file with the line and column of every node,
 * resolves variables, environment values and modules, checks properties against the provider
 * schemas and returns a {@link dev.provisioner.config.Stack} whose remaining references to
 * other resources are {@link dev.provisioner.config.Expr} trees the planner evaluates.
 */
package dev.provisioner.config;
