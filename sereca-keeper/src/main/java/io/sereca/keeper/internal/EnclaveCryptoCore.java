package io.sereca.keeper.internal;

import io.sereca.enclave.boundary.Ocall;
import io.sereca.host.Enclave;
import io.sereca.host.EnclaveBundle;
import io.sereca.host.EnclaveException;
import io.sereca.host.EnclaveHost;
import io.sereca.host.HostOptions;
import io.sereca.host.LaunchOptions;
import io.sereca.host.OcallListener;
import io.sereca.keeper.internal.core.CryptoBatch;
import io.sereca.keeper.internal.core.KeeperCoreApp;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crypto core running as an enclave app ({@link KeeperCoreApp}) on an {@link EnclaveHost}.
 * Requests are delivered with a reply token; the app's {@link Ocall.Reply} completes them.
 */
public final class EnclaveCryptoCore implements CryptoCore {

  /** The sealed keys, in the proxy's data directory. */
  public static final String SEALED_KEYS = "keeper-keys.sealed";

  private static final System.Logger LOG = System.getLogger(EnclaveCryptoCore.class.getName());

  private final EnclaveHost host;
  private final Path dataDirectory;
  private final Map<Long, CompletableFuture<Ocall.Body>> pending = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong(1);
  private volatile Enclave enclave;

  private EnclaveCryptoCore(EnclaveHost host, Path dataDirectory) {
    this.host = host;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Launches the core on {@code backend}, and sets up its keys: unsealed from
   * {@code dataDirectory}/{@value #SEALED_KEYS}, or generated inside the enclave and sealed there
   * on first start. Blocks until the enclave is ready.
   */
  public static EnclaveCryptoCore launch(Path dataDirectory, HostOptions hostOptions, String backend)
      throws Exception {
    EnclaveHost host = EnclaveHost.create(hostOptions);
    EnclaveCryptoCore core = new EnclaveCryptoCore(host, dataDirectory);
    try {
      EnclaveBundle bundle = KeeperBundle.signed(dataDirectory);
      core.enclave = host.launch(bundle, new LaunchOptions().setBackend(backend).setName("keeper-core"),
          core.new Listener()).get(120, TimeUnit.SECONDS);
      core.setUpKeys(dataDirectory);
      return core;
    } catch (Exception | Error e) {
      core.close();
      throw e;
    }
  }

  private void setUpKeys(Path dataDirectory) throws Exception {
    Path file = dataDirectory.resolve(SEALED_KEYS);
    byte[] sealed = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    byte[] reply = request(KeeperCoreApp.KEYS_ADDRESS, sealed).get(60, TimeUnit.SECONDS).toArray();
    if (sealed.length == 0) {
      Path tmp = dataDirectory.resolve(SEALED_KEYS + ".tmp");
      Files.write(tmp, reply);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      LOG.log(Level.INFO, "keeper keys generated in the enclave, sealed to {0}", file);
    }
  }

  private CompletableFuture<Ocall.Body> request(String address, byte[] body) {
    Enclave e = enclave;
    long token = tokens.getAndIncrement();
    CompletableFuture<Ocall.Body> reply = new CompletableFuture<>();
    pending.put(token, reply);
    e.deliver(address, Map.of(), body, token).whenComplete((v, err) -> {
      if (err != null) {
        CompletableFuture<Ocall.Body> f = pending.remove(token);
        if (f != null) {
          f.completeExceptionally(err);
        }
      }
    });
    return reply;
  }

  @Override
  public CompletableFuture<CryptoBatch.Results> run(CryptoBatch.Builder batch) {
    int expected = batch.size();
    return request(KeeperCoreApp.BATCH_ADDRESS, batch.encode())
        .thenApply(out -> CryptoBatch.decodeResults(out.array(), out.offset(), out.length(), expected));
  }

  @Override
  public String backend() {
    return enclave.backend();
  }

  @Override
  public boolean simulated() {
    return enclave.simulated();
  }

  /** The enclave (for tests and diagnostics). */
  public Enclave enclave() {
    return enclave;
  }

  @Override
  public void close() {
    try {
      if (enclave != null) {
        enclave.close();
      }
    } finally {
      host.close();
      pending.values().forEach(f -> f.completeExceptionally(new EnclaveException("crypto core closed")));
      pending.clear();
    }
  }

  private final class Listener implements OcallListener {
    @Override
    public void onOcall(Enclave e, Ocall ocall) {
      if (ocall instanceof Ocall.Reply r) {
        CompletableFuture<Ocall.Body> f = pending.remove(r.replyToken());
        if (f != null) {
          f.complete(r.payload());
        }
      } else if (ocall instanceof Ocall.Fail fail) {
        CompletableFuture<Ocall.Body> f = pending.remove(fail.replyToken());
        if (f != null) {
          f.completeExceptionally(new EnclaveException("crypto core refused: " + fail.code() + " " + fail.message()));
        }
      } else if (ocall instanceof Ocall.Log log) {
        LOG.log(Level.INFO, "[keeper-core] {0}", log.message());
      }
    }

    /** A restarted instance lost its keys: unseal them again (batches until then fail). */
    @Override
    public void onRestarted(Enclave e) {
      CompletableFuture.runAsync(() -> {
        try {
          setUpKeys(dataDirectory);
          LOG.log(Level.INFO, "keeper crypto core restarted, keys unsealed again");
        } catch (Exception err) {
          LOG.log(Level.ERROR, "keeper crypto core restarted but its keys could not be unsealed: {0}",
              err.toString());
        }
      });
    }

    @Override
    public void onFailure(Enclave e, io.sereca.host.EnclaveFailure failure) {
      LOG.log(Level.ERROR, "keeper crypto core failed: {0}", failure);
      pending.values().forEach(f -> f.completeExceptionally(new EnclaveException("crypto core failed")));
      pending.clear();
    }
  }
}
