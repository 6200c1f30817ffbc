/**
 * The storage archiver's parts inside the enclave: record crypto ({@link
 * io.sereca.wsnm.enclave.store.RecordSealer}), the stored forms of scans and alarms, batched
 * writes to the host ({@link io.sereca.wsnm.enclave.store.PutPipeline}), checked paged reads
 * ({@link io.sereca.wsnm.enclave.store.RecordScan}) and the queries built on them.
 */
package io.sereca.wsnm.enclave.store;
