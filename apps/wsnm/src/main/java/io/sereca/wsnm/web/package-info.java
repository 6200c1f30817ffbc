/**
 * The WSNM operators' dashboard, host side: {@link io.sereca.wsnm.web.WebProxyVerticle} serves the
 * pages and a SockJS bridge that relays session-encrypted frames to the web gateway enclave
 * ({@link io.sereca.wsnm.enclave.WebGatewayApp}); {@link io.sereca.wsnm.web.Users} builds the
 * gateway's user file.
 */
package io.sereca.wsnm.web;
