/**
 * Fourth stage of the pipeline: carry out a {@link dev.provisioner.plan.Plan} through the
 * providers in dependency order, record state after every resource through
 * {@link dev.provisioner.apply.StateRecorder}, and report progress as
 * {@link dev.provisioner.apply.ApplyEvent}s that the CLI renders.
 */
package dev.provisioner.apply;
