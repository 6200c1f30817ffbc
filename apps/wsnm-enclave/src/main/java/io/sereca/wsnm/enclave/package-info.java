/**
 * The WSNM enclave apps: {@link io.sereca.wsnm.enclave.CollectorApp} (dam side: validates each
 * scan, publishes it live and has storage acknowledge it) and {@link
 * io.sereca.wsnm.enclave.CacheArchiverApp} (cloud: latest scan and recent window per channel).
 * JDK and the enclave API only; they run single-threaded inside ecalls.
 */
package io.sereca.wsnm.enclave;
