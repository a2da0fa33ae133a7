package io.callbill.api.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): every route needs a JWT. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

  private static final String BEARER = "bearer-jwt";

  @Bean
  OpenAPI callbillOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Callbill API").version("v1")
            .description("Paid audio/video calls billed exactly once. Envelope: {success, message, data}. "
                + "Send Idempotency-Key to make a retried command the same command."))
        .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
            .description("sub = user id; role = caller | receiver | admin | platform")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
