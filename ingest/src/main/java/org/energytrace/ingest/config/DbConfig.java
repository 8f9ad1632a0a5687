package org.energytrace.ingest.config;

/**
 * The PostgreSQL (optionally TimescaleDB) database. The password comes from the environment only.
 */
public record DbConfig(
    String url, String user, String password, int poolSize, boolean migrateOnStart) {
  public DbConfig {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("url must be a jdbc:postgresql: URL: " + url);
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("user is required");
    }
    password = password == null ? "" : password;
    if (poolSize < 1 || poolSize > 64) {
      throw new IllegalArgumentException("pool size must be 1..64: " + poolSize);
    }
  }

  public DbConfig withUrl(String newUrl) {
    return new DbConfig(newUrl, user, password, poolSize, migrateOnStart);
  }

  @Override
  public String toString() {
    return "DbConfig[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
