package io.callbill.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * The HTTP edge of Callbill: validates and authenticates requests, writes commands and reference data to Kafka and
 * answers from the replies of billing-streams; reads history and stats from the database the sink fills. It owns no
 * billing logic. Boot's DataSource auto-configuration is replaced by
 * {@link io.callbill.api.config.HistoryDatabaseConfig} (the database is optional).
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ApiIngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApiIngestApplication.class, args);
  }
}
