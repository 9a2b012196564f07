/**
 * State: what the tool recorded about the resources it manages, how it is encoded, and where it
 * is kept.
 *
 * <p>A {@link dev.provisioner.state.StateDocument} is one JSON document per stack. A
 * {@link dev.provisioner.state.StateBackend} stores it (a local file or an Azure Blob) and guards
 * every writing command with a {@link dev.provisioner.state.StateLock}. This module knows nothing
 * of stacks, plans or providers: attributes are opaque JSON here.
 */
package dev.provisioner.state;
