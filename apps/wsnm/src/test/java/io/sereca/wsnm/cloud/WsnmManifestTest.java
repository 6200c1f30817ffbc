package io.sereca.wsnm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sereca.cas.Manifest;
import io.sereca.enclave.bus.RouteTable;
import io.sereca.host.SignerKeys;
import io.sereca.wsnm.data.WsnmAddresses;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WsnmManifestTest {

  private static Map<WsnmService, String> measurements() {
    Map<WsnmService, String> m = new EnumMap<>(WsnmService.class);
    for (WsnmService s : WsnmService.values()) {
      m.put(s, String.format("%064x", s.ordinal() + 1));
    }
    return m;
  }

  private static String owner() {
    return Base64.getEncoder().encodeToString(SignerKeys.generate().getPublic().getEncoded());
  }

  @Test
  void theCasAcceptsTheGeneratedManifest() throws Exception {
    String yaml = WsnmManifest.yaml(measurements(), owner(), false);
    Manifest manifest = Manifest.parse(yaml);
    assertThat(manifest).isNotNull();
    assertThat(yaml).contains("allowSimulation: false");
    for (WsnmService s : WsnmService.values()) {
      assertThat(yaml).contains(s.serviceName() + ":");
    }
  }

  @Test
  void everyProtectedAddressOfTheApplicationIsCoveredByAManifestRoute() {
    String yaml = WsnmManifest.yaml(measurements(), owner(), true);
    RouteTable routes = RouteTable.parse(WsnmAddresses.ROUTES);
    for (String address : new String[] {WsnmAddresses.READINGS, WsnmAddresses.INGEST_STORAGE,
        WsnmAddresses.CACHE_QUERY, WsnmAddresses.STORAGE_QUERY, WsnmAddresses.STORAGE_ALARM,
        WsnmAddresses.ALARMS_QUERY, WsnmAddresses.ALARMS_COMMAND, WsnmAddresses.ALARMS_EVENTS}) {
      String key = routes.keyFor(address).orElseThrow();
      assertThat(yaml).as(address).contains("key: " + key);
    }
    assertThat(routes.keyFor("wsnm.db.put")).as("the record store's addresses are not protected").isEmpty();
  }

  @Test
  void aMissingMeasurementIsNamed() {
    Map<WsnmService, String> m = measurements();
    m.remove(WsnmService.WEB);
    assertThatThrownBy(() -> WsnmManifest.yaml(m, owner(), false)).hasMessageContaining("wsnm-web");
  }
}
