package io.sereca.enclave.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sereca.enclave.EnclaveIdentity;
import io.sereca.enclave.boundary.BoundaryLimits;
import io.sereca.enclave.boundary.Ecall;
import io.sereca.enclave.boundary.EcallResult;
import io.sereca.enclave.boundary.Ocall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Drives an {@link EnclaveRuntime} with frames, the way a host does, and collects its ocalls. */
final class Harness {

  static final BoundaryLimits LIMITS = BoundaryLimits.defaults();

  final List<byte[]> frames = new ArrayList<>();
  final EnclaveRuntime runtime;

  Harness() {
    runtime = new EnclaveRuntime(frames::add, 16 << 20);
  }

  /** A runtime that quotes and seals through {@code device}, as under Gramine. */
  Harness(AttestationDevice device) {
    runtime = new EnclaveRuntime(frames::add, 16 << 20, device);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /** An identity whose measurement is all {@code measurement} and signer all {@code signer}. */
  static EnclaveIdentity identity(int measurement, int signer, int product, int svn, boolean debug) {
    return EnclaveIdentity.create(filled(32, measurement), filled(32, signer), product, svn, debug);
  }

  static EnclaveIdentity defaultIdentity() {
    return identity(0x11, 0x22, 7, 3, false);
  }

  static byte[] defaultSealSecret() {
    return filled(32, 0x5E);
  }

  /** Sends a raw frame and decodes the result (the host side's check). */
  EcallResult raw(byte[] frame) {
    byte[] result = runtime.apply(frame);
    return EcallResult.decode(result, LIMITS);
  }

  EcallResult call(Ecall call) {
    return raw(call.encode());
  }

  EcallResult init(Class<?> app) {
    return init(app.getName(), defaultIdentity(), defaultSealSecret());
  }

  EcallResult init(String appClass, EnclaveIdentity identity, byte[] sealSecret) {
    return call(new Ecall.Init(appClass, identity, sealSecret));
  }

  EcallResult deliver(String address, byte[] body, long replyToken) {
    return call(new Ecall.Deliver(address, Map.of(), body, replyToken));
  }

  /** Delivers a request and returns the single ocall answering it (Reply or Fail). */
  Ocall ask(String address, byte[] body, long replyToken) {
    frames.clear();
    EcallResult r = deliver(address, body, replyToken);
    assertOk(r);
    List<Ocall> answers = drain().stream()
        .filter(o -> o instanceof Ocall.Reply || o instanceof Ocall.Fail).toList();
    assertThat(answers).as("answers to the request on %s", address).hasSize(1);
    return answers.get(0);
  }

  /** Every ocall emitted since the last drain, decoded as the host would; then forgets them. */
  List<Ocall> drain() {
    List<Ocall> out = new ArrayList<>();
    for (byte[] f : frames) {
      out.add(Ocall.decode(f, LIMITS));
    }
    frames.clear();
    return out;
  }

  static void assertOk(EcallResult r) {
    assertThat(r.isOk()).as("ecall failed: %s", r.error()).isTrue();
  }

  static String assertError(EcallResult r) {
    assertThat(r.isOk()).as("ecall unexpectedly succeeded").isFalse();
    assertThat(r.payload()).isEmpty();
    return r.error();
  }
}
