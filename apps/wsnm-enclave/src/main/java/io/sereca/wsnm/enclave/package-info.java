/**
 * WSNM enclave apps: the entry points of the services' bundles (e.g.
 * {@link io.sereca.wsnm.enclave.AlarmManagerApp}).
 */
package io.sereca.wsnm.enclave;
