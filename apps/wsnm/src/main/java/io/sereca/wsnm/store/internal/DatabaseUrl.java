package io.sereca.wsnm.store.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A record store url: {@code sqlite:<path>} or {@code postgresql://user:password@host:port/db}
 * (query parameters are passed to the driver). {@link #toString()} never shows the password.
 */
public final class DatabaseUrl {

  /** The database kinds. */
  public enum Kind {
    /** Embedded SQLite file. */
    SQLITE,
    /** PostgreSQL server. */
    POSTGRESQL
  }

  private final Kind kind;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String shown;

  private DatabaseUrl(Kind kind, String jdbcUrl, String user, String password, String shown) {
    this.kind = kind;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.shown = shown;
  }

  /**
   * Parses a url.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("database url is empty (expected sqlite:<path> or"
          + " postgresql://user:password@host:port/db)");
    }
    if (url.startsWith("sqlite:")) {
      String path = url.substring("sqlite:".length());
      if (path.isEmpty() || path.startsWith("//")) {
        throw new IllegalArgumentException("database url '" + url + "': expected sqlite:<file path>");
      }
      return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + path, null, null, url);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("database url is not a valid URI: " + e.getReason());
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("database url names no host (expected postgresql://user:password@host:port/db)");
      }
      String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (db.isEmpty() || db.contains("/")) {
        throw new IllegalArgumentException("database url names no database (expected postgresql://user:password@host:port/db)");
      }
      String user = null;
      String password = null;
      String info = uri.getRawUserInfo();
      if (info != null) {
        int colon = info.indexOf(':');
        user = decode(colon < 0 ? info : info.substring(0, colon));
        password = colon < 0 ? null : decode(info.substring(colon + 1));
      }
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      String shown = "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
          + uri.getHost() + ":" + port + "/" + db;
      return new DatabaseUrl(Kind.POSTGRESQL, jdbc, user, password, shown);
    }
    int colon = url.indexOf(':');
    String scheme = colon < 0 ? url : url.substring(0, colon);
    throw new IllegalArgumentException("unsupported database url scheme '" + (scheme.length() > 20
        ? scheme.substring(0, 20) + "..." : scheme) + "': use sqlite:<path> or postgresql://user:password@host:port/db");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** SQLite or PostgreSQL. */
  public Kind kind() {
    return kind;
  }

  /** The JDBC url (without credentials). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** Driver properties: user and password when given. */
  public Properties properties() {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** The url with the password masked. */
  @Override
  public String toString() {
    return shown;
  }
}
