package io.callbill.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The HTTP edge of Callbill: validates and authenticates requests, writes commands and reference data to Kafka and
 * answers from the replies of billing-streams. It owns no billing logic.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiIngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApiIngestApplication.class, args);
  }
}
