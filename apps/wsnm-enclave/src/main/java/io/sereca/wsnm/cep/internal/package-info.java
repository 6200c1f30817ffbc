/**
 * Internals of the CEP engine: the YAML subset reader, the rule parser, the per-dam detectors of
 * each rule type and their bounded sliding windows. Not a stable API.
 */
package io.sereca.wsnm.cep.internal;
