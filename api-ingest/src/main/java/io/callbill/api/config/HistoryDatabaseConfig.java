package io.callbill.api.config;

import com.zaxxer.hikari.HikariDataSource;
import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.history.JdbcCallHistoryRepository;
import io.callbill.api.history.NoDatabaseCallHistory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

/**
 * The database of history, stats and rating: the PostgreSQL tables the JDBC sink fills, read with plain JDBC.
 *
 * <p>With {@code callbill.jdbc.url} ({@code CALLBILL_JDBC_URL}) set: a small read-only Hikari pool (tunable with
 * {@code spring.datasource.hikari.*}), which Spring Boot's actuator adds to {@code /actuator/health} as {@code db}.
 * The pool does not connect at start-up, so the API starts (and serves its Kafka routes) while the database is
 * down; the reads answer 503 meanwhile. Without a URL there is no pool at all, and the reads answer 503 'History is
 * not available'. Spring Boot's own DataSource auto-configuration is excluded (it would refuse to start without a
 * URL).
 */
@Configuration(proxyBeanMethods = false)
public class HistoryDatabaseConfig {

  /** The property whose presence decides whether there is a database. */
  public static final String JDBC_URL = "callbill.jdbc.url";

  @Configuration(proxyBeanMethods = false)
  @Conditional(JdbcUrlSet.class)
  static class WithDatabase {

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource historyDataSource(CallbillApiProperties properties) {
      CallbillApiProperties.Jdbc jdbc = properties.jdbc();
      HikariDataSource pool = new HikariDataSource();
      pool.setPoolName("callbill-history");
      pool.setJdbcUrl(jdbc.url());
      pool.setUsername(jdbc.user());
      pool.setPassword(jdbc.password());
      // The API only reads: billing-streams writes through Kafka and the sink.
      pool.setReadOnly(true);
      pool.setMaximumPoolSize(10);
      pool.setMinimumIdle(1);
      // A request thread waits at most this long for a connection, then answers 503.
      pool.setConnectionTimeout(jdbc.queryTimeout().toMillis());
      // Start without the database; connect on first use.
      pool.setInitializationFailTimeout(-1);
      return pool;
    }

    @Bean
    JdbcClient historyJdbcClient(HikariDataSource historyDataSource, CallbillApiProperties properties) {
      JdbcTemplate template = new JdbcTemplate(historyDataSource);
      template.setQueryTimeout(Math.toIntExact(Math.max(1, properties.jdbc().queryTimeout().toSeconds())));
      return JdbcClient.create(template);
    }

    @Bean
    CallHistoryRepository callHistoryRepository(JdbcClient historyJdbcClient) {
      return new JdbcCallHistoryRepository(historyJdbcClient);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(JdbcUrlNotSet.class)
  static class WithoutDatabase {

    @Bean
    CallHistoryRepository callHistoryRepository() {
      return new NoDatabaseCallHistory();
    }
  }

  static final class JdbcUrlSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty(JDBC_URL));
    }
  }

  static final class JdbcUrlNotSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !StringUtils.hasText(context.getEnvironment().getProperty(JDBC_URL));
    }
  }
}
