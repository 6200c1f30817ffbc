package io.sereca.wsnm.web;

/** The web gateway enclave in its own JVM ({@code process} backend: OS isolation, SIMULATED attestation). */
class WebGatewayAppProcessTest extends WebGatewayAppContract {
  @Override
  String backend() {
    return "process";
  }
}
