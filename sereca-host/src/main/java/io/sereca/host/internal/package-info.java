/** Host internals: canonical encoding, the built-in backends, the managed enclave. */
package io.sereca.host.internal;
