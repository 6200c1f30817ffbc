package io.sereca.wsnm.web;

import io.sereca.wsnm.enclave.WebGatewayApp;
import io.sereca.wsnm.enclave.web.EcdhP256;
import io.sereca.wsnm.enclave.web.FrameCipher;
import io.sereca.wsnm.enclave.web.LoginHandshake;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Java client of the web gateway enclave's protocol, talking to its addresses on the bus as the
 * web proxy host does (tests only). It does what wsnm-crypto.js does in the browser.
 */
public final class GatewayClient {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Vertx vertx;

  public GatewayClient(Vertx vertx) {
    this.vertx = vertx;
  }

  JsonObject request(String address, Buffer body) {
    Object b = vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(30_000))
        .await().body();
    return new JsonObject((Buffer) b);
  }

  JsonObject hello() {
    return request(WebGatewayApp.HELLO, Buffer.buffer());
  }

  /** A prepared login: its body, and what is needed to finish it. */
  final class Login {
    final EcdhP256 mine;
    final byte[] gatewayKey;
    final byte[] challenge;
    final JsonObject body;

    Login(String user, String password) throws Exception {
      JsonObject hello = hello();
      mine = EcdhP256.generate(RANDOM);
      gatewayKey = Base64.getDecoder().decode(hello.getString("gatewayKey"));
      challenge = Base64.getDecoder().decode(hello.getString("challenge"));
      byte[] z = mine.agree(gatewayKey);
      byte[] key = LoginHandshake.loginKey(z, challenge, mine.rawPublicKey(), gatewayKey);
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      byte[] creds = new JsonObject().put("user", user).put("password", password).encode()
          .getBytes(StandardCharsets.UTF_8);
      body = new JsonObject().put("v", 1).put("clientKey", b64(mine.rawPublicKey()))
          .put("challenge", hello.getString("challenge")).put("iv", b64(iv))
          .put("ct", b64(LoginHandshake.sealCredentials(key, iv, challenge, creds)));
    }

    Session send() throws Exception {
      JsonObject reply = request(WebGatewayApp.LOGIN, body.toBuffer());
      String sid = reply.getString("session");
      byte[] z = mine.agree(gatewayKey);
      Session s = new Session(sid, LoginHandshake.sessionKey(z, challenge, sid, mine.rawPublicKey(), gatewayKey));
      s.welcome = s.open(reply.getJsonObject("frame"));
      return s;
    }
  }

  public Session login(String user, String password) throws Exception {
    return new Login(user, password).send();
  }

  /** A logged-in session. */
  public final class Session {
    final String id;
    final FrameCipher cipher;
    long nextSeq = 1;
    JsonObject welcome;

    Session(String id, byte[] key) {
      this.id = id;
      this.cipher = new FrameCipher(key, id);
    }

    JsonObject seal(JsonObject request) throws Exception {
      long q = nextSeq++;
      byte[] c = cipher.seal(FrameCipher.CLIENT_TO_GATEWAY, q, request.encode().getBytes(StandardCharsets.UTF_8));
      return new JsonObject().put("s", id).put("q", q).put("c", b64(c));
    }

    JsonObject open(JsonObject frame) throws Exception {
      byte[] plain = cipher.open(FrameCipher.GATEWAY_TO_CLIENT, frame.getLong("q"),
          Base64.getDecoder().decode(frame.getString("c")));
      return new JsonObject(new String(plain, StandardCharsets.UTF_8));
    }

    /** Sends a request and returns the decrypted answer {@code {re, ok, body|code, error}}. */
    public JsonObject call(JsonObject request) throws Exception {
      return open(rpc(seal(request)));
    }

    JsonObject rpc(JsonObject frame) {
      return request(WebGatewayApp.RPC, frame.toBuffer());
    }
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
