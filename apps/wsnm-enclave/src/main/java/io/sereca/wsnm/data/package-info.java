/**
 * What WSNM services exchange: {@link io.sereca.wsnm.data.Scan} and {@link
 * io.sereca.wsnm.data.Reading} (one logger scan, JSON on the wire) and {@link
 * io.sereca.wsnm.data.WsnmAddresses} (addresses, keys and the route table).
 */
package io.sereca.wsnm.data;
