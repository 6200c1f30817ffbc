package io.sereca.wsnm.system;

import io.sereca.wsnm.cloud.WsnmNode;
import io.sereca.wsnm.cloud.WsnmNodeOptions;
import io.sereca.wsnm.cloud.WsnmRole;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A WSNM cluster member in its own JVM, as {@code sereca wsnm --role ...} starts one (the CLI
 * module depends on this one, so its tests cannot run it here): the same {@link WsnmNode#vertx}
 * and {@link WsnmNode#start}. Prints the progress lines, {@code CREDENTIAL role password} on the
 * CAS node and {@code READY}; exits when its standard input closes (the test JVM went away).
 *
 * <p>Arguments: roles (comma-separated), data directory, cluster port, member ports
 * (comma-separated), Modbus base port.
 */
public final class WsnmNodeMain {

  private WsnmNodeMain() {}

  public static void main(String[] args) throws Exception {
    Set<WsnmRole> roles = EnumSet.noneOf(WsnmRole.class);
    for (String r : args[0].split(",")) {
      roles.add(WsnmRole.parse(r));
    }
    List<Integer> members = new ArrayList<>();
    for (String p : args[3].split(",")) {
      members.add(Integer.parseInt(p));
    }
    WsnmNodeOptions o = options(roles, args[1], Integer.parseInt(args[4]))
        .setClusterPort(Integer.parseInt(args[2])).setMembers(members);
    Vertx vertx = WsnmNode.vertx(o, System.out::println).await(120, TimeUnit.SECONDS);
    WsnmNode node = WsnmNode.start(vertx, o, System.out::println).await(300, TimeUnit.SECONDS);
    for (Map.Entry<String, String> c : node.credentials().entrySet()) {
      System.out.println("CREDENTIAL " + c.getKey() + " " + c.getValue());
    }
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // The parent keeps the pipe open while it wants this node.
    }
    Runtime.getRuntime().halt(0);
  }

  /** The settings every member of the test cluster shares (accelerated loggers: 1 scan/s/dam). */
  static WsnmNodeOptions options(Set<WsnmRole> roles, String dataDir, int modbusBase) {
    return new WsnmNodeOptions().setRoles(roles).setDataDirectory(dataDir).setBackend("sim")
        .setCasPort(0).setWebPort(0).setModbusBasePort(modbusBase).setSeed(20260301L)
        .setTimeFactor(60).setScanIntervalSeconds(60).setPollIntervalMillis(200).setPasswordIterations(10_000);
  }
}
