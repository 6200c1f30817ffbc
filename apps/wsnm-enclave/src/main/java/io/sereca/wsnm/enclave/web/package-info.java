/**
 * The dashboard gateway's parts that run inside the web gateway enclave
 * ({@link io.sereca.wsnm.enclave.WebGatewayApp}): P-256 ECDH, the login key schedule, per-session
 * AES-256-GCM frames with replay windows, the user directory (PBKDF2-HMAC-SHA256) and the role
 * check that turns a dashboard request into a protected request. JDK only.
 */
package io.sereca.wsnm.enclave.web;
