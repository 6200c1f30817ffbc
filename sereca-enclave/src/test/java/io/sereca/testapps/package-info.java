/**
 * Enclave apps used by the sereca-enclave tests. They live outside {@code io.sereca.enclave} on
 * purpose: an app is never part of the trusted module's own packages.
 */
package io.sereca.testapps;
