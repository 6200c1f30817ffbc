package io.sereca.wsnm.web.internal;

import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The public description of the dams and channels the dashboard draws (names, units, operating
 * levels for the threshold bands): simulation parameters, nothing confidential.
 */
public final class DamCatalog {

  private DamCatalog() {}

  /** {@code {"simulated":true,"dams":[…],"channels":[…]}}. */
  public static JsonObject json() {
    JsonArray dams = new JsonArray();
    for (Dam d : Dam.values()) {
      dams.add(new JsonObject().put("id", d.name()).put("name", d.displayName())
          .put("minLevel", d.minOperatingLevel()).put("maxLevel", d.maxOperatingLevel())
          .put("crest", d.crestLevel()).put("capacityMm3", d.capacityMm3()));
    }
    JsonArray channels = new JsonArray();
    for (Channel c : Channel.values()) {
      channels.add(new JsonObject().put("id", c.name()).put("unit", c.unit()));
    }
    return new JsonObject().put("simulated", true)
        .put("note", "SIMULATED: the dams' data loggers are simulated (sereca wsnm simulator)")
        .put("dams", dams).put("channels", channels);
  }
}
