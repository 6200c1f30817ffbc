/**
 * The WSNM enclave apps, one per service (each is the entry point of its own signed bundle, see
 * {@code WsnmBundles}): {@link io.sereca.wsnm.enclave.StorageArchiverApp}, ...
 */
package io.sereca.wsnm.enclave;
