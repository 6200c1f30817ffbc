/** Internals of the WSNM web proxy host: the gateway relay and the dashboard's public catalogue. */
package io.sereca.wsnm.web.internal;
