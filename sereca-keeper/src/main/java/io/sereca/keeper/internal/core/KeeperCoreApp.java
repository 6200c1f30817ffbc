package io.sereca.keeper.internal.core;

import io.sereca.enclave.EnclaveApp;
import io.sereca.enclave.EnclaveContext;
import io.sereca.enclave.EnclaveMessage;
import io.sereca.enclave.ProvisionedSecrets;
import io.sereca.enclave.SealPolicy;
import io.sereca.enclave.SealingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The crypto core of the confidential ZooKeeper proxy, run as an enclave app. Its keys never
 * leave it: they are generated here on first start and leave only sealed to the signer.
 *
 * <ul>
 *   <li>{@value #KEYS_ADDRESS} (request): body empty on first start — generate keys and reply
 *       with them sealed ({@link SealPolicy#SIGNER}) for the host to store; body = that sealed
 *       blob on later starts — unseal and reply empty.
 *   <li>{@value #BATCH_ADDRESS} (request): a {@link CryptoBatch}; replies with its results.
 * </ul>
 *
 * <p>Provisioning hook: secrets {@value #PATH_KEY_SECRET} (64 bytes) and {@value #DATA_KEY_SECRET}
 * (32 bytes), once provisioned after attestation (by the CAS), replace the keys.
 */
public final class KeeperCoreApp implements EnclaveApp {

  /** Key setup address. */
  public static final String KEYS_ADDRESS = "keeper.keys";
  /** Crypto batch address. */
  public static final String BATCH_ADDRESS = "keeper.batch";
  /** Provisioned path key (AES-SIV, 64 bytes). */
  public static final String PATH_KEY_SECRET = "keeper.path-key";
  /** Provisioned data key (AES-256-GCM, 32 bytes). */
  public static final String DATA_KEY_SECRET = "keeper.data-key";

  private static final String SEAL_KEY_ID = "sereca-keeper-keys-v1";
  private static final int PATH_KEY_BYTES = 64;
  private static final int DATA_KEY_BYTES = 32;

  private EnclaveContext ctx;
  private PathCipher paths;
  private PayloadCipher payloads;

  @Override
  public void init(EnclaveContext context) {
    this.ctx = context;
    context.register(KEYS_ADDRESS, this::keys);
    context.register(BATCH_ADDRESS, this::batch);
    context.onProvisioned(this::provisioned);
  }

  private void keys(EnclaveMessage m) throws GeneralSecurityException {
    byte[] body = m.body();
    byte[] material;
    byte[] reply;
    if (body.length == 0) {
      material = new byte[PATH_KEY_BYTES + DATA_KEY_BYTES];
      new SecureRandom().nextBytes(material);
      reply = ctx.seal(SealPolicy.SIGNER, SEAL_KEY_ID, material);
      ctx.log().info("keeper keys generated and sealed to the signer");
    } else {
      try {
        material = ctx.unseal(body);
      } catch (SealingException e) {
        m.fail(403, "cannot unseal the keeper keys: " + e.getMessage());
        return;
      }
      if (material.length != PATH_KEY_BYTES + DATA_KEY_BYTES) {
        m.fail(400, "sealed keeper keys have " + material.length + " bytes, expected "
            + (PATH_KEY_BYTES + DATA_KEY_BYTES));
        return;
      }
      reply = new byte[0];
    }
    use(Arrays.copyOfRange(material, 0, PATH_KEY_BYTES),
        Arrays.copyOfRange(material, PATH_KEY_BYTES, material.length));
    Arrays.fill(material, (byte) 0);
    m.reply(reply);
  }

  private void provisioned(ProvisionedSecrets secrets) {
    Optional<byte[]> pathKey = secrets.get(PATH_KEY_SECRET);
    Optional<byte[]> dataKey = secrets.get(DATA_KEY_SECRET);
    if (pathKey.isEmpty() || dataKey.isEmpty()) {
      return;
    }
    if (pathKey.get().length != PATH_KEY_BYTES || dataKey.get().length != DATA_KEY_BYTES) {
      ctx.log().warn("provisioned keeper keys have the wrong length; keeping the current keys");
      return;
    }
    try {
      use(pathKey.get(), dataKey.get());
      ctx.log().info("keeper keys provisioned");
    } catch (GeneralSecurityException e) {
      ctx.log().warn("provisioned keeper keys refused: " + e.getClass().getSimpleName());
    }
  }

  private void use(byte[] pathKey, byte[] dataKey) throws GeneralSecurityException {
    this.paths = new PathCipher(pathKey);
    this.payloads = new PayloadCipher(dataKey);
  }

  private void batch(EnclaveMessage m) {
    if (paths == null) {
      m.fail(412, "keeper keys are not set up");
      return;
    }
    CryptoBatch batch;
    try {
      batch = CryptoBatch.decode(m.body());
    } catch (IllegalArgumentException e) {
      m.fail(400, e.getMessage());
      return;
    }
    int n = batch.operations().size();
    byte[] statuses = new byte[n];
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      CryptoBatch.Operation op = batch.operations().get(i);
      try {
        values[i] = run(op);
        statuses[i] = CryptoBatch.OK;
      } catch (GeneralSecurityException | RuntimeException e) {
        // The reason names the operation, never the data.
        statuses[i] = CryptoBatch.FAILED;
        values[i] = ("operation " + op.kind() + " failed: " + e.getClass().getSimpleName())
            .getBytes(StandardCharsets.US_ASCII);
      }
    }
    m.reply(CryptoBatch.encodeResults(statuses, values));
  }

  private byte[] run(CryptoBatch.Operation op) throws GeneralSecurityException {
    byte[][] f = op.fields();
    switch (op.kind()) {
      case CryptoBatch.ENCRYPT_PATH:
        return utf8(paths.encryptPath(text(f[0])));
      case CryptoBatch.ENCRYPT_SEQUENTIAL_PATH:
        return utf8(paths.encryptPath(text(f[0]), true));
      case CryptoBatch.DECRYPT_PATH:
        return utf8(paths.decryptPath(text(f[0])));
      case CryptoBatch.DECRYPT_NAME:
        return utf8(paths.decryptName(text(f[0]), text(f[1])));
      case CryptoBatch.SEAL:
        return payloads.seal(text(f[0]), f[1]);
      case CryptoBatch.OPEN:
        return payloads.open(text(f[0]), f[1]);
      default:
        throw new GeneralSecurityException("unknown operation");
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
