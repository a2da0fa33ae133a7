package io.callbill.sink.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for one test class: started before its first test, deleted
 * after its last. Random port, user {@code postgres}, trust authentication (no password), database
 * {@code postgres}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresDatabase POSTGRES = new PostgresDatabase();
 * }</pre>
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private EmbeddedPostgres server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = EmbeddedPostgres.builder().start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The JDBC URL without credentials, as a connector or Flyway takes it. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + running().getPort() + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return "";
  }

  /** A new connection; the caller closes it. */
  public Connection connection() {
    try {
      return running().getPostgresDatabase().getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to the embedded PostgreSQL", e);
    }
  }

  private EmbeddedPostgres running() {
    if (server == null) {
      throw new IllegalStateException("PostgreSQL is not started: register the extension on a static field");
    }
    return server;
  }
}
