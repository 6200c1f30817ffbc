/**
 * Internals of the data collector: the Modbus poller, the register decoder, the durable journal
 * and the store-and-forward state machine. Not API.
 */
package io.sereca.wsnm.collector.internal;
