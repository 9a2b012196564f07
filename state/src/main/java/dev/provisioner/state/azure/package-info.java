/**
 * State kept in Azure Blob Storage: one block blob per stack, written conditionally on its ETag,
 * with a snapshot of the previous version, and a blob lease as the state lock.
 *
 * <p>The lock is a lease on a dedicated lock blob beside the state blob ({@code <key>.lock}),
 * not on the state blob itself. A lease needs an existing blob, so leasing the state blob would
 * force an empty placeholder before the first write, and the first write could then no longer be
 * made with {@code If-None-Match: *}. The lock blob's metadata names the holder (owner, host, pid,
 * operation, time, lock id), so an error shown to a second user names who has the lock and
 * since when.
 */
package dev.provisioner.state.azure;
