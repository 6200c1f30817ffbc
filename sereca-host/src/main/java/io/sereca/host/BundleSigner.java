package io.sereca.host;

import io.sereca.host.internal.CanonicalTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** Signs enclave bundles (what {@code sereca enclave sign} runs). */
public final class BundleSigner {


  private BundleSigner() {}

  /**
   * Signs the jar at {@code input} and writes the signed bundle to {@code output}: entries sorted,
   * fixed timestamps, any previous signature replaced. The result is checked with {@link
   * EnclaveBundle#fromBytes} before it is written.
   *
   * @throws BundleException if the input is not a valid bundle (no config, bad config, bad jar)
   */
  public static EnclaveBundle sign(Path input, PrivateKey key, PublicKey publicKey, Path output)
      throws BundleException, IOException {
    byte[] signed = sign(Files.readAllBytes(input), input.toString(), key, publicKey);
    Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".bundle", ".tmp");
    try {
      Files.write(tmp, signed);
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return EnclaveBundle.fromBytes(signed, output.toString());
  }

  /** Signs a bundle held in memory and returns the signed jar's bytes. */
  public static byte[] sign(byte[] jar, String source, PrivateKey key, PublicKey publicKey)
      throws BundleException {
    return sign(EnclaveBundle.readTree(jar, source), source, key, publicKey);
  }

  /**
   * Builds and signs a bundle from its entries (name → content, e.g. class files and {@link
   * EnclaveConfig#ENTRY}), for tools and tests that assemble bundles in memory. Returns the signed
   * jar's bytes.
   */
  public static byte[] sign(Map<String, byte[]> entries, String source, PrivateKey key, PublicKey publicKey)
      throws BundleException {
    return sign(CanonicalTree.of(new java.util.TreeMap<>(entries)), source, key, publicKey);
  }

  private static byte[] sign(CanonicalTree tree, String source, PrivateKey key, PublicKey publicKey)
      throws BundleException {
    CanonicalTree content = tree.without(EnclaveBundle.SIGNATURE_ENTRY);
    EnclaveBundle.readConfig(content, source);
    EnclaveBundle.checkContent(content, source);
    byte[] digest = content.digest(EnclaveBundle.SIGNED_DOMAIN);
    String signatureEntry;
    try {
      Signature s = Signature.getInstance(SignerKeys.ALGORITHM);
      s.initSign(key);
      s.update(digest);
      signatureEntry = "format=1\nalgorithm=" + SignerKeys.ALGORITHM
          + "\npublic.key=" + Base64.getEncoder().encodeToString(publicKey.getEncoded())
          + "\nsignature=" + Base64.getEncoder().encodeToString(s.sign()) + "\n";
      Signature check = Signature.getInstance(SignerKeys.ALGORITHM);
      check.initVerify(publicKey);
      check.update(digest);
      if (!check.verify(Base64.getDecoder().decode(signatureEntry.substring(signatureEntry.indexOf("signature=") + 10).trim()))) {
        throw new BundleException("the public key does not belong to the signing key");
      }
    } catch (GeneralSecurityException e) {
      throw new BundleException("signing failed: " + e.getMessage(), e);
    }
    return content.with(EnclaveBundle.SIGNATURE_ENTRY, signatureEntry.getBytes(StandardCharsets.UTF_8)).toZip();
  }


}
