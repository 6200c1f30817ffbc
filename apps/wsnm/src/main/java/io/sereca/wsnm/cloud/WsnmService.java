package io.sereca.wsnm.cloud;

/**
 * The WSNM services that run inside enclaves, each a signed bundle of the
 * {@code sereca-wsnm-enclave} classes with its own entry point (hence its own measurement), and
 * the name the CAS manifest knows it by.
 */
public enum WsnmService {
  /** Dam side: seals each scan and forwards it (store-and-forward lives in the host verticle). */
  COLLECTOR("wsnm-collector", "io.sereca.wsnm.enclave.CollectorApp", 61, 64),
  /** Cloud: recent window per channel, answers queries. */
  CACHE("wsnm-cache", "io.sereca.wsnm.enclave.CacheArchiverApp", 62, 128),
  /** Cloud: the CEP engine and the alarm lifecycle. */
  ALARMS("wsnm-alarms", "io.sereca.wsnm.enclave.AlarmManagerApp", 63, 128),
  /** Cloud: encrypts records for the untrusted database, answers trend queries. */
  STORAGE("wsnm-storage", "io.sereca.wsnm.enclave.StorageArchiverApp", 64, 128),
  /** Cloud: logins, roles and per-session encryption of the dashboard's traffic. */
  WEB("wsnm-web", "io.sereca.wsnm.enclave.WebGatewayApp", 65, 64);

  private final String serviceName;
  private final String appClass;
  private final int productId;
  private final int memoryMib;

  WsnmService(String serviceName, String appClass, int productId, int memoryMib) {
    this.serviceName = serviceName;
    this.appClass = appClass;
    this.productId = productId;
    this.memoryMib = memoryMib;
  }

  /** The service's name in the CAS manifest. */
  public String serviceName() {
    return serviceName;
  }

  /** The enclave app's class name. */
  public String appClass() {
    return appClass;
  }

  /** The bundle's product id. */
  public int productId() {
    return productId;
  }

  /** The enclave memory budget in MiB. */
  public int memoryMib() {
    return memoryMib;
  }
}
