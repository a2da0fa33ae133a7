package io.callbill.api.config;

import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The health probes on the API port while the actuator lives on its own (loopback) management port: load
 * balancers, container health checks and the local stack keep asking {@code /actuator/health},
 * {@code /actuator/health/readiness} and {@code /actuator/health/liveness} where they reach the API. Status only
 * (200 when UP, 503 otherwise), never details; metrics stay on the management port. (Spring Boot's own
 * {@code additional-path} takes a single path segment, so it cannot keep these paths.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
public class HealthProbesConfig {

  @Bean
  RouterFunction<ServerResponse> healthProbesOnTheApiPort(HealthEndpoint health) {
    return RouterFunctions.route()
        .GET("/actuator/health", request -> answer(health.health()))
        .GET("/actuator/health/readiness", request -> answer(health.healthForPath("readiness")))
        .GET("/actuator/health/liveness", request -> answer(health.healthForPath("liveness")))
        .build();
  }

  private static ServerResponse answer(HealthDescriptor descriptor) {
    Status status = descriptor == null ? Status.UNKNOWN : descriptor.getStatus();
    return ServerResponse.status(Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("status", status.getCode()));
  }
}
