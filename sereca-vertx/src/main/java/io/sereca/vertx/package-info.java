/**
 * Secure verticles: Vert.x verticles whose logic runs in an enclave, the development provisioner
 * that attests them and hands them route keys, and loopback Hazelcast clustering.
 */
package io.sereca.vertx;
