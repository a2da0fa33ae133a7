package io.callbill.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Real PostgreSQL binaries from a jar (zonky), with a data directory that survives restarts. The server process is a
 * child of this JVM and stops with it.
 *
 * <p>Closed to other local users: it listens on 127.0.0.1 only and every connection needs a password
 * (scram-sha-256; zonky's initdb trusts everyone, so the first start replaces its pg_hba.conf at once). Three roles,
 * each with a random password kept in {@code <data dir>.passwords} (mode 0600): the superuser, used only here to set
 * the others up; {@value #SINK_USER}, which owns the sink's tables (Flyway migrates as it, the JDBC sink writes as
 * it); and {@value #API_USER}, which may only read the history tables ({@link #HISTORY_TABLES}).
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String SUPERUSER = "postgres";
  public static final String SINK_USER = "callbill_sink";
  public static final String API_USER = "callbill_api";
  /**
   * What api-ingest reads: history, stats and the rating lookup, and the explanation of one call (its ledger entries)
   * (api-ingest/README.md, Configuration).
   */
  public static final List<String> HISTORY_TABLES = List.of("call_history", "callers", "receivers", "ledger_entries");
  private static final String DATABASE = "postgres";

  private static final String PASSWORD_ONLY_HBA = """
      # Written by the Callbill local stack: a password (scram-sha-256) for every connection, from this host only.
      local all all                scram-sha-256
      host  all all 127.0.0.1/32   scram-sha-256
      host  all all ::1/128        scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final int port;
  private final Properties passwords;

  private LocalPostgres(EmbeddedPostgres postgres, int port, Properties passwords) {
    this.postgres = postgres;
    this.port = port;
    this.passwords = passwords;
  }

  public static LocalPostgres start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      Properties passwords = passwords(passwordsFile(dataDir));
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("password_encryption", "scram-sha-256")
          // zonky's own readiness check logs in as the superuser: with its password once pg_hba.conf asks for one.
          .setConnectConfig("password", passwords.getProperty(SUPERUSER))
          // The stack stops PostgreSQL itself, after the parts that write to it.
          .setRegisterShutdownHook(false)
          .start();
      LocalPostgres started = new LocalPostgres(postgres, port, passwords);
      OrphanGuard.register(started);
      try {
        started.closeToOtherUsers(dataDir);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String sinkPassword() {
    return passwords.getProperty(SINK_USER);
  }

  public String apiPassword() {
    return passwords.getProperty(API_USER);
  }

  /** After the migrations (the tables exist): the API's role may read the history tables, nothing else. */
  public void grantApiReads() {
    asSuperuser("GRANT SELECT ON " + String.join(", ", HISTORY_TABLES) + " TO " + API_USER);
  }

  /**
   * Every start, idempotent: passwords on the three roles, the roles' rights, and the password-only pg_hba.conf
   * (reloaded). A data directory from before this existed gets its tables handed to the sink's role.
   */
  private void closeToOtherUsers(Path dataDir) {
    asSuperuser(
        "ALTER ROLE " + SUPERUSER + " PASSWORD '" + passwords.getProperty(SUPERUSER) + "'",
        createOrUpdateRole(SINK_USER, sinkPassword()),
        createOrUpdateRole(API_USER, apiPassword()),
        "REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC",
        "GRANT CONNECT ON DATABASE " + DATABASE + " TO " + SINK_USER + ", " + API_USER,
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "GRANT USAGE, CREATE ON SCHEMA public TO " + SINK_USER,
        "GRANT USAGE ON SCHEMA public TO " + API_USER,
        """
        DO $$ DECLARE t record; BEGIN
          FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '%s' LOOP
            EXECUTE format('ALTER TABLE public.%%I OWNER TO %s', t.tablename);
          END LOOP;
        END $$""".formatted(SINK_USER, SINK_USER));
    try {
      Files.writeString(dataDir.resolve("pg_hba.conf"), PASSWORD_ONLY_HBA, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve("pg_hba.conf"), e);
    }
    asSuperuser("SELECT pg_reload_conf()");
  }

  private static String createOrUpdateRole(String role, String password) {
    return """
        DO $$ BEGIN
          IF EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
            ALTER ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '%2$s';
          ELSE
            CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '%2$s';
          END IF;
        END $$""".formatted(role, password);
  }

  private void asSuperuser(String... statements) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up the PostgreSQL roles: " + e.getMessage(), e);
    }
  }

  static Path passwordsFile(Path dataDir) {
    return dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".passwords");
  }

  /** The roles' passwords, created (random, base64url: no quoting needed in SQL) on first use. */
  private static Properties passwords(Path file) throws IOException {
    Properties passwords = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        passwords.load(in);
      }
    }
    boolean added = false;
    for (String role : List.of(SUPERUSER, SINK_USER, API_USER)) {
      if (passwords.getProperty(role) == null) {
        passwords.setProperty(role, LocalTokens.randomSecret());
        added = true;
      }
    }
    if (added) {
      StringWriter text = new StringWriter();
      passwords.store(text, "PostgreSQL passwords of the local stack");
      PrivateFiles.write(file, text.toString());
    }
    return passwords;
  }

  @Override
  public void close() {
    OrphanGuard.unregister(this);
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
