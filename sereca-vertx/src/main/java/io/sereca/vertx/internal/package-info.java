/** The relay between the event bus and an enclave, and the provisioning protocol runner. */
package io.sereca.vertx.internal;
