/**
 * The WSNM data collector, dam side: {@link io.sereca.wsnm.collector.DataCollectorVerticle} polls
 * the dams' data loggers over Modbus TCP ({@link io.sereca.wsnm.collector.LoggerEndpoint}),
 * buffers every scan durably and forwards it, at least once, through the collector enclave.
 * Options: {@link io.sereca.wsnm.collector.DataCollectorOptions}. See docs/wsnm-collector.md.
 */
package io.sereca.wsnm.collector;
