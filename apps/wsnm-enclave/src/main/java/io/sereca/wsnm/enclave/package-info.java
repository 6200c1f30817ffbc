/**
 * The WSNM enclave apps, one per service, each the entry point of its own signed bundle (see
 * {@code WsnmBundles}): {@link io.sereca.wsnm.enclave.CollectorApp} (dam side: validates each
 * scan, publishes it live and has storage acknowledge it), {@link
 * io.sereca.wsnm.enclave.CacheArchiverApp} (latest scan and recent window per channel), {@link
 * io.sereca.wsnm.enclave.AlarmManagerApp} (the CEP engine and the alarm lifecycle), {@link
 * io.sereca.wsnm.enclave.StorageArchiverApp} (records sealed for the untrusted database) and
 * {@link io.sereca.wsnm.enclave.WebGatewayApp} (logins, roles, per-session encryption). JDK and
 * the enclave API only; they run single-threaded inside ecalls.
 */
package io.sereca.wsnm.enclave;
