package io.sereca.bench;

import io.sereca.enclave.bus.EnvelopeRejectedException;
import io.sereca.enclave.bus.KeyRing;
import io.sereca.enclave.bus.ReplayWindow;
import io.sereca.enclave.bus.RouteCipher;
import io.sereca.enclave.bus.RouteKey;
import io.sereca.enclave.bus.RouteTable;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Envelope seal + open against raw JDK AES-256-GCM encrypt + decrypt of the same body (target: the
 * envelope at ≥ 70% of raw at 64 KiB). Not run by the build; run with
 * {@code java -jar bench/target/benchmarks.jar EnvelopeBenchmark} (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EnvelopeBenchmark {

  private static final String ADDRESS = "bench.orders";
  private static final byte[] NO_BINDING = new byte[0];

  @Param({"0", "1024", "65536"})
  public int size;

  private byte[] body;
  private RouteCipher sender;
  private RouteCipher receiver;
  private SecretKeySpec rawKey;
  private Cipher rawCipher;
  private long rawCounter;

  @Setup
  public void setUp() throws GeneralSecurityException {
    body = new byte[size];
    new SecureRandom().nextBytes(body);
    RouteTable routes = RouteTable.of(Map.of("bench.*", "bench-key"));
    KeyRing ring = new KeyRing(0);
    ring.add(RouteKey.generate("bench-key", 1), System.currentTimeMillis());
    sender = new RouteCipher(RouteCipher.newSenderId("bench-tx"), routes, ring, new ReplayWindow(), 30_000,
        System::currentTimeMillis);
    receiver = new RouteCipher(RouteCipher.newSenderId("bench-rx"), routes, ring, new ReplayWindow(), 30_000,
        System::currentTimeMillis);
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    rawKey = new SecretKeySpec(k, "AES");
    rawCipher = Cipher.getInstance("AES/GCM/NoPadding");
  }

  /** What the secure bus adds to a message: seal on one side, open on the other. */
  @Benchmark
  public byte[] envelopeSealAndOpen() throws EnvelopeRejectedException {
    byte[] envelope = sender.seal(ADDRESS, RouteCipher.Kind.SEND, Map.of(), body, NO_BINDING).envelope();
    return receiver.open(ADDRESS, envelope, NO_BINDING).body();
  }

  /** The floor: AES-256-GCM encrypt and decrypt of the same bytes, nothing else. */
  @Benchmark
  public byte[] rawAesGcmEncryptAndDecrypt() throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    long n = ++rawCounter;
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] = (byte) (n >>> (8 * i));
    }
    rawCipher.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, nonce));
    byte[] ct = rawCipher.doFinal(body);
    rawCipher.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, nonce));
    return rawCipher.doFinal(ct);
  }
}
