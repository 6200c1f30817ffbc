package io.sereca.wsnm.collector.internal;

import io.sereca.wsnm.Dam;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * The last scan forwarded per logger ({@code {"CONZA":[counter, loggerTime], ...}}), saved every
 * few seconds and at stop (written to a temporary file and renamed), so the counter and time
 * checks carry over a restart even when the journal segments holding those scans are gone.
 */
public final class StateFile {

  private static final System.Logger LOG = System.getLogger(StateFile.class.getName());
  private final Path path;

  /** The state file at {@code path}. */
  public StateFile(Path path) {
    this.path = path;
  }

  /** The saved state; empty if there is none or it is unreadable (that only weakens the first checks). */
  public Map<Dam, long[]> read() {
    Map<Dam, long[]> m = new EnumMap<>(Dam.class);
    if (!Files.exists(path)) {
      return m;
    }
    try {
      JsonObject j = new JsonObject(Files.readString(path));
      for (String k : j.fieldNames()) {
        io.vertx.core.json.JsonArray a = j.getJsonArray(k);
        m.put(Dam.valueOf(k), new long[] {a.getLong(0), a.getLong(1)});
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "collector state {0} unreadable ({1}); starting without it", path, e.getMessage());
      m.clear();
    }
    return m;
  }

  /** Saves {@code state}. */
  public void write(Map<Dam, long[]> state) throws IOException {
    JsonObject j = new JsonObject();
    state.forEach((d, v) -> j.put(d.name(), new io.vertx.core.json.JsonArray().add(v[0]).add(v[1])));
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, j.encode());
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
