/**
 * Implementation details of {@code io.sereca.attestation}: evidence formats and their dispatch,
 * bounded parsing, PEM, private files, certificate building. Not a public API; may change at any
 * time.
 */
package io.sereca.attestation.internal;
