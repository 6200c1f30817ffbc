package io.sereca.wsnm.web;

/** The web gateway enclave on the in-JVM {@code sim} backend (SIMULATED: no protection). */
class WebGatewayAppSimTest extends WebGatewayAppContract {
  @Override
  String backend() {
    return "sim";
  }
}
