package io.sereca.wsnm.web;

import io.sereca.bus.SecureEventBus;
import io.sereca.bus.SecureMessage;
import io.sereca.wsnm.Channel;
import io.sereca.wsnm.Dam;
import io.sereca.wsnm.data.WsnmAddresses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test participants on the secure bus that answer as the cache archiver, the storage archiver and
 * the alarm manager do (the shapes of docs/wsnm.md), with deterministic data, and record every
 * alarm command. They stand in for services built elsewhere; the end-to-end test uses the real ones.
 */
final class StandInServices {

  final List<JsonObject> commands = new CopyOnWriteArrayList<>();
  final List<JsonObject> queries = new CopyOnWriteArrayList<>();
  final Map<String, JsonObject> alarms = new ConcurrentHashMap<>();
  private final SecureEventBus bus;

  StandInServices(SecureEventBus bus) {
    this.bus = bus;
  }

  /** Registers the cache, the alarm manager and (if {@code withStorage}) the storage archiver. */
  StandInServices start(boolean withStorage) {
    List<Future<Void>> regs = new ArrayList<>();
    regs.add(bus.<Object>consumer(WsnmAddresses.CACHE_QUERY, this::cache).completion());
    regs.add(bus.<Object>consumer(WsnmAddresses.ALARMS_QUERY, this::alarmsQuery).completion());
    regs.add(bus.<Object>consumer(WsnmAddresses.ALARMS_COMMAND, this::alarmsCommand).completion());
    if (withStorage) {
      regs.add(bus.<Object>consumer(WsnmAddresses.STORAGE_QUERY, this::storage).completion());
    }
    Future.all(regs).await();
    return this;
  }

  /** Publishes an alarm event (and keeps it as active), as the alarm manager does on a change. */
  void raise(JsonObject alarm) {
    alarms.put(alarm.getString("id"), alarm);
    bus.publish(WsnmAddresses.ALARMS_EVENTS, alarm.toBuffer()).await();
  }

  static JsonObject alarm(String id, String dam, String channel, String priority, String state) {
    return new JsonObject().put("id", id).put("rule", "level-high").put("dam", dam).put("channel", channel)
        .put("priority", priority).put("state", state).put("message", "reservoir level above the regulation level")
        .put("value", 426.4).put("raisedAt", System.currentTimeMillis()).putNull("ackedBy").putNull("comment")
        .put("simulated", true);
  }

  private static JsonObject body(SecureMessage<Object> m) {
    Object b = m.body();
    return b instanceof JsonObject ? (JsonObject) b : new JsonObject((Buffer) b);
  }

  private void cache(SecureMessage<Object> m) {
    JsonObject q = body(m);
    queries.add(q);
    long now = System.currentTimeMillis();
    switch (q.getString("op")) {
      case "latest": {
        JsonArray dams = new JsonArray();
        for (Dam d : Dam.values()) {
          if (q.getString("dam") == null || q.getString("dam").equals(d.name())) {
            dams.add(scan(d, now));
          }
        }
        m.reply(new JsonObject().put("dams", dams).toBuffer());
        break;
      }
      case "window": {
        JsonArray pts = new JsonArray();
        long from = q.getLong("from");
        long to = q.getLong("to");
        long step = Math.max(10_000, (to - from) / 300);
        Dam d = Dam.valueOf(q.getString("dam"));
        for (long t = from - from % step + step; t <= to; t += step) {
          pts.add(new JsonArray().add(t).add(value(d, Channel.valueOf(q.getString("channel")), t)).add(0));
        }
        m.reply(new JsonObject().put("points", pts).toBuffer());
        break;
      }
      case "quality":
        m.reply(new JsonObject().put("stale", new JsonArray()).put("checkedAt", now).toBuffer());
        break;
      default:
        m.fail(400, "unknown op");
    }
  }

  private void storage(SecureMessage<Object> m) {
    JsonObject q = body(m);
    queries.add(q);
    if (!"trend".equals(q.getString("op"))) {
      m.reply(new JsonObject().put("alarms", new JsonArray()).toBuffer());
      return;
    }
    long from = q.getLong("from");
    long to = q.getLong("to");
    int buckets = q.getInteger("buckets");
    long width = Math.max(1, (to - from) / buckets);
    Dam d = Dam.valueOf(q.getString("dam"));
    Channel c = Channel.valueOf(q.getString("channel"));
    JsonArray pts = new JsonArray();
    for (int i = 0; i < buckets; i++) {
      long t = from + i * width;
      double v = value(d, c, t);
      pts.add(new JsonArray().add(t).add(v - 0.2).add(v).add(v + 0.2).add(6));
    }
    m.reply(new JsonObject().put("points", pts).toBuffer());
  }

  private void alarmsQuery(SecureMessage<Object> m) {
    JsonArray list = new JsonArray();
    alarms.values().forEach(list::add);
    m.reply(new JsonObject().put("alarms", list).toBuffer());
  }

  private void alarmsCommand(SecureMessage<Object> m) {
    JsonObject c = body(m);
    commands.add(c);
    JsonObject a = alarms.get(c.getString("id"));
    if (a == null) {
      m.fail(404, "no alarm " + c.getString("id"));
      return;
    }
    if ("ack".equals(c.getString("op"))) {
      a.put("state", "ACTIVE_ACK").put("ackedBy", c.getString("user")).put("comment", c.getString("comment"));
    } else if ("shelve".equals(c.getString("op"))) {
      a.put("state", "SHELVED");
    }
    m.reply(new JsonObject().put("ok", true).put("alarm", a).toBuffer());
    bus.publish(WsnmAddresses.ALARMS_EVENTS, a.toBuffer());
  }

  static JsonObject scan(Dam d, long now) {
    JsonArray readings = new JsonArray();
    for (Channel c : Channel.values()) {
      int quality = d == Dam.SAETTA && c == Channel.PIEZOMETER_2 ? 1 : 0;
      int age = d == Dam.GENZANO ? 900 : 3;
      readings.add(new JsonArray().add(c.name()).add(value(d, c, now)).add(quality).add(age));
    }
    return new JsonObject().put("dam", d.name()).put("scan", 1000 + d.ordinal()).put("loggerTime", now / 1000 - 3)
        .put("collectedAt", now - 2000).put("status", 0x8001).put("batteryMv", d == Dam.CAMASTRA ? 11650 : 12850)
        .put("loggerTempC", 18.5).put("readings", readings);
  }

  static double value(Dam d, Channel c, long t) {
    double wave = Math.sin(t / 3_600_000.0 * 2 * Math.PI / 6);
    switch (c) {
      case RESERVOIR_LEVEL:
        return d.maxOperatingLevel() - 2 + wave;
      case PIEZOMETER_1: case PIEZOMETER_2: case PIEZOMETER_3: case PIEZOMETER_4:
        return d.minOperatingLevel() + (c.ordinal() - Channel.PIEZOMETER_1.ordinal()) * 3 + wave * 0.3;
      case INFLOW:
        return 3 + wave;
      case OUTFLOW:
        return 2.5;
      default:
        return 10 + wave;
    }
  }
}
