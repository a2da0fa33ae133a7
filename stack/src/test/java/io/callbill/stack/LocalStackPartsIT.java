package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.billing.app.TopicProvisioner;
import io.callbill.schemas.Topics;
import java.nio.file.Path;
import io.callbill.sink.Migrations;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker process and PostgreSQL keep their data across a restart on the same directory. */
class LocalStackPartsIT {

  @TempDir
  Path state;

  @Test
  void brokerProcessKeepsTopicsAcrossARestart() {
    int port = FreePorts.find();
    int controllerPort = FreePorts.find();
    Path log = state.resolve("kafka.log");
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(state.resolve("kafka"), port, controllerPort, log)) {
      try (Admin admin = admin(broker)) {
        List<String> created = new TopicProvisioner(admin, Duration.ofSeconds(30))
            .provision(Topics.withDefaultPrefix(), 3, (short) 1);
        assertThat(created).contains("callbill.call-commands");
      }
    }
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(state.resolve("kafka"), port, controllerPort, log)) {
      try (Admin admin = admin(broker)) {
        assertThat(new TopicProvisioner(admin, Duration.ofSeconds(30))
            .provision(Topics.withDefaultPrefix(), 3, (short) 1)).isEmpty();
      }
    }
  }

  @Test
  void postgresKeepsRowsAcrossARestart() throws Exception {
    int port = FreePorts.find();
    try (LocalPostgres postgres = LocalPostgres.start(state.resolve("pg"), port);
         Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.SINK_USER,
             postgres.sinkPassword());
         Statement s = c.createStatement()) {
      s.execute("create table kept (id int primary key)");
      s.execute("insert into kept values (42)");
    }
    try (LocalPostgres postgres = LocalPostgres.start(state.resolve("pg"), port);
         Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.SINK_USER,
             postgres.sinkPassword());
         Statement s = c.createStatement();
         ResultSet rows = s.executeQuery("select id from kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(42);
    }
  }

  /** Issue 13: a wrong password connected as superuser, and pg_read_file read the JWT secret. */
  @Test
  void postgresNeedsThePasswordAndTheApiReadsOnlyTheHistoryTables() throws Exception {
    Path dataDir = state.resolve("pg-closed");
    try (LocalPostgres postgres = LocalPostgres.start(dataDir, FreePorts.find())) {
      Migrations.migrate(postgres.jdbcUrl(), LocalPostgres.SINK_USER, postgres.sinkPassword());
      postgres.grantApiReads();

      for (String user : List.of(LocalPostgres.SUPERUSER, LocalPostgres.SINK_USER, LocalPostgres.API_USER)) {
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), user, "wrong").close())
            .as(user).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
      }
      try (Connection api = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.API_USER,
          postgres.apiPassword()); Statement s = api.createStatement()) {
        for (String table : LocalPostgres.HISTORY_TABLES) {
          s.executeQuery("select count(*) from " + table).close();
        }
        assertThatThrownBy(() -> s.executeQuery("select count(*) from active_calls"))
            .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> s.execute("update ledger_entries set amount = amount + 1"))
            .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> s.execute("insert into callers (caller_id) values ('x')"))
            .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> s.executeQuery("select pg_read_file('pg_hba.conf')"))
            .hasMessageContaining("permission denied");
      }
      try (Connection sink = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.SINK_USER,
          postgres.sinkPassword()); Statement s = sink.createStatement()) {
        s.executeQuery("select count(*) from ledger_entries").close();
        assertThatThrownBy(() -> s.executeQuery("select pg_read_file('pg_hba.conf')"))
            .hasMessageContaining("permission denied");
      }
    }
    assertThat(Files.getPosixFilePermissions(LocalPostgres.passwordsFile(dataDir)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  private static Admin admin(KafkaBrokerProcess broker) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }
}
