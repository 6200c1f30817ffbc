/** The untrusted host side of the CAS: bundle assembly, the core's channel, storage, HTTP. */
package io.sereca.cas.internal;
