package io.sereca.wsnm.system;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.RegisterMap;
import io.sereca.wsnm.Scenario;
import io.sereca.wsnm.cloud.WsnmNode;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.web.GatewayClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole WSNM application in one JVM, as {@code sereca demo wsnm} runs it, on free loopback
 * ports: CAS, SIMULATED loggers (accelerated), collector, cache, alarms, storage (SQLite) and
 * web, every secure verticle attested and provisioned by the real CAS. Tests talk to it as the
 * dashboard does, through the web gateway's encrypted sessions.
 */
final class WsnmSystem implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final WsnmNode node;
  final int modbusBase;
  final List<String> progress = new ArrayList<>();

  WsnmSystem(Path dir, String backend, int timeFactor, int scanIntervalSeconds, long pollMillis) throws Exception {
    modbusBase = freeBase(Dam.values().length);
    WsnmNodeOptions o = new WsnmNodeOptions().setDataDirectory(dir.toString()).setBackend(backend)
        .setCasPort(0).setWebPort(0).setModbusBasePort(modbusBase).setSeed(20260301L)
        .setTimeFactor(timeFactor).setScanIntervalSeconds(scanIntervalSeconds).setPollIntervalMillis(pollMillis)
        .setPasswordIterations(10_000);
    node = WsnmNode.start(vertx, o, progress::add).await(300, TimeUnit.SECONDS);
  }

  /** A logged-in dashboard session as {@code role} (viewer, operator, engineer). */
  GatewayClient.Session login(String role) throws Exception {
    return new GatewayClient(vertx).login(role, node.credentials().get(role));
  }

  /** The answer's body of a dashboard call, failing the test with the gateway's error otherwise. */
  static JsonObject body(GatewayClient.Session s, JsonObject request) throws Exception {
    JsonObject answer = s.call(request);
    if (!answer.getBoolean("ok", false)) {
      throw new AssertionError("dashboard call " + request.encode() + " failed: " + answer.encode());
    }
    Object b = answer.getValue("body");
    return b instanceof JsonObject ? (JsonObject) b : new JsonObject().put("value", b);
  }

  static JsonArray activeAlarms(GatewayClient.Session s) throws Exception {
    return body(s, new JsonObject().put("op", "alarms")).getJsonArray("alarms");
  }

  /** Switches a dam's scenario through its logger's holding register, as an operator's tool would. */
  void setScenario(Dam dam, Scenario scenario) throws Exception {
    ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", modbusBase + dam.ordinal(), 3000, false);
    m.connect();
    try {
      m.writeSingleRegister(RegisterMap.UNIT_ID, RegisterMap.HR_SCENARIO, new SimpleRegister(scenario.code()));
    } finally {
      m.disconnect();
    }
  }

  private static int freeBase(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        base = s.getLocalPort();
      }
      if (base + count > 65535) {
        continue;
      }
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException busy) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no 7 consecutive free loopback ports found");
  }

  @Override
  public void close() throws Exception {
    try {
      node.close();
    } finally {
      vertx.close().await(60, TimeUnit.SECONDS);
    }
  }
}
