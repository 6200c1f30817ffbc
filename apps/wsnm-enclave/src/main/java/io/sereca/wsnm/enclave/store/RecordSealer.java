package io.sereca.wsnm.enclave.store;

import io.sereca.enclave.crypto.Hkdf;
import io.sereca.wsnm.data.StoreRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The storage archiver's record crypto, under keys derived (HKDF-SHA256) from the provisioned
 * 32-byte {@code wsnm-storage-key}; nothing here ever leaves the enclave but tags and ciphertext.
 *
 * <ul>
 *   <li>record id: HMAC-SHA256(k_id, domain | key material), first {@value #TAG_BYTES} bytes; the
 *       database's unique index on it de-duplicates without learning the (dam, scan) key;
 *   <li>series tag: HMAC-SHA256(k_series, stream | dam), first {@value #TAG_BYTES} bytes, so rows
 *       group by dam without the database learning which dam;
 *   <li>ciphertext: AES-256-GCM with a random 96-bit nonce, under a key per UTC day of the coarse
 *       time (keeps each key far below 2^32 random-nonce encryptions even at 1,000 records/s),
 *       with AAD binding stream, record id, series tag and coarse time: a row moved to another
 *       id, series, stream or time fails to open.
 * </ul>
 *
 * <p>Blob layout: {@code u8 version (1) | nonce (12) | ciphertext+tag}. Single-threaded (enclave).
 */
public final class RecordSealer {

  /** Bytes of a record id or series tag. */
  public static final int TAG_BYTES = 16;
  /** Granularity of the time column the database sees (and of range queries). */
  public static final long GRANULE_MILLIS = 60_000;
  /** Span of one record-encryption key. */
  public static final long KEY_EPOCH_MILLIS = 86_400_000;
  /** Secret name of the storage master key. */
  public static final String SECRET = "sereca.secret.wsnm-storage-key";

  private static final int VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;
  private static final byte[] SALT = "sereca-wsnm-storage v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD_LABEL = "wsnm-record v1".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_CACHED_KEYS = 512;

  private final byte[] encryptionMaster;
  private final Mac idMac;
  private final Mac seriesMac;
  private final Cipher cipher;
  private final SecureRandom random = new SecureRandom();
  private final Map<Long, SecretKeySpec> dayKeys = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, SecretKeySpec> eldest) {
      return size() > MAX_CACHED_KEYS;
    }
  };

  private RecordSealer(byte[] master) throws GeneralSecurityException {
    encryptionMaster = Hkdf.derive(master, SALT, info("record-encryption"), 32);
    idMac = Mac.getInstance("HmacSHA256");
    idMac.init(new SecretKeySpec(Hkdf.derive(master, SALT, info("record-id"), 32), "HmacSHA256"));
    seriesMac = Mac.getInstance("HmacSHA256");
    seriesMac.init(new SecretKeySpec(Hkdf.derive(master, SALT, info("series-tag"), 32), "HmacSHA256"));
    cipher = Cipher.getInstance("AES/GCM/NoPadding");
  }

  /**
   * A sealer under {@code master}.
   *
   * @throws IllegalArgumentException unless the key is exactly 32 bytes
   */
  public static RecordSealer create(byte[] master) throws GeneralSecurityException {
    if (master == null || master.length != 32) {
      throw new IllegalArgumentException("the storage key must be 32 bytes");
    }
    return new RecordSealer(master);
  }

  /** The coarse time column for an exact time. */
  public static long coarse(long timeMillis) {
    return Math.floorDiv(timeMillis, GRANULE_MILLIS) * GRANULE_MILLIS;
  }

  /** Record id of a scan: keyed over "scan" and its (dam, counter) key. */
  public byte[] scanId(String dam, long scan) {
    return tag(idMac, "scan|" + dam + "/" + scan);
  }

  /** Record id of an alarm transition: keyed over its canonical JSON (identical resends collide). */
  public byte[] alarmId(String canonicalJson) {
    return tag(idMac, "alarm|" + canonicalJson);
  }

  /** Series tag of a dam within a stream. */
  public byte[] series(int stream, String dam) {
    return tag(seriesMac, stream + "|" + dam);
  }

  /** Seals {@code plaintext} as the row (stream, id, series, coarse(time)). */
  public StoreRow seal(int stream, byte[] id, byte[] series, long timeMillis, byte[] plaintext)
      throws GeneralSecurityException {
    long coarse = coarse(timeMillis);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    cipher.init(Cipher.ENCRYPT_MODE, dayKey(coarse), new GCMParameterSpec(GCM_TAG_BITS, nonce));
    cipher.updateAAD(aad(stream, id, series, coarse));
    byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
    out[0] = VERSION;
    System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
    cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
    return new StoreRow(stream, id, series, coarse, out);
  }

  /**
   * Opens a row the database returned.
   *
   * @throws GeneralSecurityException if the row was altered, moved, retimed or is not ours
   */
  public byte[] open(StoreRow row) throws GeneralSecurityException {
    byte[] blob = row.ciphertext();
    if (blob.length < 1 + NONCE_BYTES + GCM_TAG_BITS / 8 || blob[0] != VERSION) {
      throw new GeneralSecurityException("record blob has a bad version or length");
    }
    if (row.time() != coarse(row.time())) {
      throw new GeneralSecurityException("record time is not on the granule");
    }
    cipher.init(Cipher.DECRYPT_MODE, dayKey(row.time()),
        new GCMParameterSpec(GCM_TAG_BITS, blob, 1, NONCE_BYTES));
    cipher.updateAAD(aad(row.stream(), row.id(), row.series(), row.time()));
    return cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
  }

  private SecretKeySpec dayKey(long coarse) throws GeneralSecurityException {
    long day = Math.floorDiv(coarse, KEY_EPOCH_MILLIS);
    SecretKeySpec k = dayKeys.get(day);
    if (k == null) {
      k = new SecretKeySpec(Hkdf.derive(encryptionMaster, SALT, info("day " + day), 32), "AES");
      dayKeys.put(day, k);
    }
    return k;
  }

  private static byte[] aad(int stream, byte[] id, byte[] series, long coarse) {
    ByteBuffer b = ByteBuffer.allocate(AAD_LABEL.length + 1 + 1 + id.length + 1 + series.length + 8);
    b.put(AAD_LABEL).put((byte) stream).put((byte) id.length).put(id).put((byte) series.length).put(series)
        .putLong(coarse);
    return b.array();
  }

  private static byte[] tag(Mac mac, String material) {
    return Arrays.copyOf(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
  }

  private static byte[] info(String what) {
    return ("wsnm-storage " + what).getBytes(StandardCharsets.UTF_8);
  }
}
