/**
 * The proxy's internals: connections and framing, request and reply rewriting with ZooKeeper's
 * jute classes, the host side of the crypto core, the enclave bundle, and the embedded server.
 */
package io.sereca.keeper.internal;
