package io.callbill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.testkit.ConnectLayout;
import io.callbill.testkit.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  private final ConnectLayout layout = new ConnectLayout(Path.of("/opt/connect"));
  private final WorkerSettings settings = WorkerSettings.of("127.0.0.1:9092", Path.of("/var/callbill/connect"), layout);

  @Test
  void theStandaloneWorkerListensOnLoopbackAndLoadsPluginsFromTheInstallation() {
    Properties worker = settings.standaloneProperties(8083);

    assertThat(worker)
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("listeners", "http://127.0.0.1:8083")
        .containsEntry("plugin.path", Path.of("/opt/connect/plugins").toString())
        .containsEntry("offset.storage.file.filename", Path.of("/var/callbill/connect/connect.offsets").toString());
  }

  @Test
  void connectorsMayReadTheEnvironmentAndOverrideTheirConsumersIsolationLevel() {
    assertThat(settings.standaloneProperties(8083))
        .containsEntry("config.providers", "env")
        .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
        .containsEntry("connector.client.config.override.policy", "All");
  }

  @Test
  void aCrashedWorkersPartitionsAndUncommittedOffsetsAreRecoveredQuickly() {
    Properties worker = settings.withOffsetFlushInterval(Duration.ofSeconds(3)).standaloneProperties(8083);

    assertThat(worker)
        .containsEntry("offset.flush.interval.ms", "3000")
        .containsEntry("consumer.session.timeout.ms", "10000")
        .containsEntry("consumer.heartbeat.interval.ms", "2500");
  }

  @Test
  void theInstallationHasItsClassPathPluginsAndConnectorsUnderOneHome() {
    assertThat(layout.classPath()).isEqualTo(Path.of("/opt/connect/lib/*").toString());
    assertThat(layout.connectorFiles(SinkConnectors.ALL)).first()
        .isEqualTo(Path.of("/opt/connect/connectors/" + SinkConnectors.CALL_HISTORY + ".json"));
  }

  @Test
  void theTargetPassesTheDatabaseThroughTheEnvironmentAndHidesThePassword() {
    SinkTarget target = new SinkTarget("callbill.", "jdbc:postgresql://db/callbill", "callbill", "s3cret");

    assertThat(target.environment())
        .containsEntry(SinkTarget.TOPIC_PREFIX, "callbill.")
        .containsEntry(SinkTarget.JDBC_URL, "jdbc:postgresql://db/callbill")
        .containsEntry(SinkTarget.JDBC_USER, "callbill")
        .containsEntry(SinkTarget.JDBC_PASSWORD, "s3cret");
    assertThat(target.toString()).doesNotContain("s3cret");
  }
}
