package io.callbill.sink;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and evolves the sink's tables with the Flyway migrations in {@code classpath:db/migration}.
 *
 * <p>Why Flyway and not the sink: the JDBC sink's own schema evolution can only add nullable columns named after
 * fields, with types it guesses; our tables need primary keys, NOT NULL money with exact scales and the indexes of
 * the history queries. Run this before the connectors start (the sink runs with {@code schema.evolution=none}).
 *
 * <pre>
 * java -cp ... io.callbill.sink.Migrations jdbc:postgresql://127.0.0.1:5432/callbill callbill secret
 * </pre>
 * or with {@code CALLBILL_JDBC_URL}, {@code CALLBILL_JDBC_USER}, {@code CALLBILL_JDBC_PASSWORD} in the environment.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {
  }

  /**
   * Applies the pending migrations; a database already up to date is left as it is.
   *
   * @return how many migrations were applied
   */
  public static int migrate(String jdbcUrl, String user, String password) {
    Flyway flyway = Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations(LOCATION)
        .load();
    MigrateResult result = flyway.migrate();
    LOG.info("Sink schema at version {} ({} migrations applied)", result.targetSchemaVersion,
        result.migrationsExecuted);
    return result.migrationsExecuted;
  }

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : System.getenv(SinkTarget.JDBC_URL);
    String user = args.length > 1 ? args[1] : System.getenv(SinkTarget.JDBC_USER);
    String password = args.length > 2 ? args[2] : System.getenv(SinkTarget.JDBC_PASSWORD);
    if (url == null || user == null) {
      System.err.println("Usage: Migrations JDBC_URL USER [PASSWORD] (or set " + SinkTarget.JDBC_URL + ", "
          + SinkTarget.JDBC_USER + ", " + SinkTarget.JDBC_PASSWORD + ")");
      System.exit(2);
    }
    migrate(url, user, password);
  }
}
