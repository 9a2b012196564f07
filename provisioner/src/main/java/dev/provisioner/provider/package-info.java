/**
 * The Provider SPI: how resource types declare their schema and carry out reads, creates,
 * updates and deletes.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} as implementations of
 * {@link dev.provisioner.provider.Provider}. They never print and never read or write state: they
 * return attributes and report progress through the {@link
 * dev.provisioner.provider.OperationContext}; the engine persists what they return.
 * Implementations live in {@code provider.azure}, {@code provider.kubernetes},
 * {@code provider.istio} and {@code provider.knative}.
 */
package dev.provisioner.provider;
