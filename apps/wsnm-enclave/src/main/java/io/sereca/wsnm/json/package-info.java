/**
 * JSON for enclave code: {@link io.sereca.wsnm.json.Json} reads and writes documents with the JDK
 * alone, {@link io.sereca.wsnm.json.Fields} gives typed access with errors that name the field.
 */
package io.sereca.wsnm.json;
