package io.sereca.enclave.boundary;

import io.sereca.enclave.EnclaveIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid sample calls and frames shared by the codec tests and the fuzzers. */
public final class Samples {

  /** Orders bodies by their bytes: a decoded body is a range of its frame, a built one a whole array. */
  public static final Comparator<Ocall.Body> BODY_BYTES = (a, b) -> Arrays.compare(
      a.array(), a.offset(), a.offset() + a.length(), b.array(), b.offset(), b.offset() + b.length());

  private Samples() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  static EnclaveIdentity identity(int seed, int product, int svn, boolean debug) {
    return EnclaveIdentity.create(filled(32, seed), filled(32, seed + 1), product, svn, debug);
  }

  static Map<String, String> headers(int n) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      h.put("h" + i, "v" + i);
    }
    return h;
  }

  static List<Ecall> ecalls() {
    List<Ecall> calls = new ArrayList<>();
    calls.add(new Ecall.Init("com.example.App", identity(1, 7, 3, false), filled(32, 9)));
    calls.add(new Ecall.Init("ünïcode.App$Inner", identity(200, 0xFFFF, 0xFFFF, true), filled(32, 0)));
    calls.add(new Ecall.Init("a", identity(0, 0, 0, false), filled(32, 0xFF)));
    calls.add(new Ecall.Deliver("addr", Map.of(), utf8("hello"), 0));
    calls.add(new Ecall.Deliver("äddr/ü.x", Map.of("k", "", "ünï", "çödé"), new byte[0], -1L));
    calls.add(new Ecall.Deliver("a".repeat(BoundaryLimits.MAX_ADDRESS_BYTES), headers(64),
        filled(1000, 0x5A), Long.MAX_VALUE));
    calls.add(Ecall.ReplyResult.reply(5, Map.of("content-type", "text/plain"), utf8("pong")));
    calls.add(Ecall.ReplyResult.reply(Long.MIN_VALUE, Map.of(), new byte[0]));
    calls.add(Ecall.ReplyResult.failure(Long.MAX_VALUE, -2, "no handlers"));
    calls.add(Ecall.ReplyResult.failure(0, Integer.MIN_VALUE, ""));
    calls.add(new Ecall.ProvisionKey(filled(16, 1)));
    calls.add(new Ecall.ProvisionKey(filled(Ecall.MAX_NONCE_BYTES, 2)));
    calls.add(new Ecall.Provision(filled(93, 3)));
    calls.add(new Ecall.Provision(new byte[0]));
    calls.add(new Ecall.Echo(new byte[0]));
    calls.add(new Ecall.Echo(filled(300, 0x80)));
    calls.add(new Ecall.Shutdown());
    calls.add(new Ecall.Attest(filled(64, 0x5A)));
    return calls;
  }

  static List<Ocall> ocalls() {
    List<Ocall> calls = new ArrayList<>();
    calls.add(new Ocall.Register("svc.a"));
    calls.add(new Ocall.Register("ü".repeat(512)));
    calls.add(new Ocall.Unregister("svc.a"));
    calls.add(new Ocall.Send("to", Map.of(), utf8("body")));
    calls.add(new Ocall.Send("to", headers(64), new byte[0]));
    calls.add(new Ocall.Publish("news", Map.of("x", "y"), filled(500, 7)));
    calls.add(new Ocall.Request(1, "svc", Map.of("a", "b"), utf8("ping"), 30_000));
    calls.add(new Ocall.Request(Long.MIN_VALUE, "svc", Map.of(), new byte[0], 1));
    calls.add(new Ocall.Request(Long.MAX_VALUE, "svc", Map.of(), new byte[0], Long.MAX_VALUE));
    calls.add(new Ocall.Reply(42, Map.of("h", "v"), utf8("answer")));
    calls.add(new Ocall.Reply(-42, Map.of(), new byte[0]));
    calls.add(new Ocall.Fail(9, 500, "handler failed: java.lang.IllegalStateException"));
    calls.add(new Ocall.Fail(0, -1, ""));
    calls.add(new Ocall.Log(0, "info line"));
    calls.add(new Ocall.Log(1, "wärn"));
    calls.add(new Ocall.Log(2, ""));
    calls.add(new Ocall.Rejected("protected.addr", 0));
    calls.add(new Ocall.Rejected("x", io.sereca.enclave.bus.RejectReason.values().length - 1));
    return calls;
  }

  static List<byte[]> validEcallFrames() {
    return ecalls().stream().map(Ecall::encode).toList();
  }

  static List<byte[]> validOcallFrames() {
    return ocalls().stream().map(Ocall::encode).toList();
  }

  static List<byte[]> validResultFrames() {
    return List.of(
        EcallResult.ok(new byte[0]).encode(),
        EcallResult.ok(utf8("payload")).encode(),
        EcallResult.error("enclave not initialised").encode(),
        EcallResult.error("").encode());
  }

  static List<byte[]> validSecretsFrames() {
    Map<String, byte[]> two = new LinkedHashMap<>();
    two.put("db.password", utf8("hunter2"));
    two.put("api-key", filled(40, 1));
    return List.of(
        SecretsCodec.encode(Map.of()),
        SecretsCodec.encode(Map.of("k", new byte[0])),
        SecretsCodec.encode(two));
  }
}
