/**
 * The WSNM storage archiver's host side: {@link io.sereca.wsnm.store.RecordStoreVerticle}, the
 * untrusted database (SQLite or PostgreSQL) that keeps the storage enclave's ciphertext rows,
 * configured by {@link io.sereca.wsnm.store.RecordStoreOptions}. See docs/wsnm-storage.md.
 */
package io.sereca.wsnm.store;
