package io.callbill.api.security;

import io.callbill.api.config.CallbillApiProperties;
import io.callbill.api.web.JsonErrorWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Stateless JWT bearer authentication. Callers use {@code /male-user/**}, receivers {@code /female-user/**}, admins
 * {@code /admin/**}, the call platform's media layer {@code /platform/**}, as the {@code role} claim says. Health,
 * metrics and the API documentation are open. A missing or bad token answers 401, a wrong role 403, too many requests
 * 429 ({@link RateLimitFilter}), all with the JSON envelope.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

  /** The claim that carries the role. */
  public static final String ROLE_CLAIM = "role";

  @Bean
  RequestRateLimits requestRateLimits(CallbillApiProperties properties) {
    return new RequestRateLimits(properties.rateLimit());
  }

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, JsonErrorWriter errors, RequestRateLimits limits)
      throws Exception {
    JsonAuthenticationEntryPoint unauthorized = new JsonAuthenticationEntryPoint(errors, limits);
    JsonAccessDeniedHandler forbidden = new JsonAccessDeniedHandler(errors);
    http
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .authorizeHttpRequests(routes -> routes
            // The first dispatch was authorized; async completions and error pages re-dispatch the same request.
            .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
            // Prometheus is served on the loopback management port only (this chain guards that port too).
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
            .requestMatchers(Role.CALLER.routePattern()).hasRole(Role.CALLER.claim())
            .requestMatchers(Role.RECEIVER.routePattern()).hasRole(Role.RECEIVER.claim())
            .requestMatchers(Role.ADMIN.routePattern()).hasRole(Role.ADMIN.claim())
            .requestMatchers(Role.PLATFORM.routePattern()).hasRole(Role.PLATFORM.claim())
            .anyRequest().authenticated())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtAuthenticationConverter(roleClaimConverter()))
            .authenticationEntryPoint(unauthorized)
            .accessDeniedHandler(forbidden))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(unauthorized)
            .accessDeniedHandler(forbidden))
        .addFilterAfter(new RateLimitFilter(limits, errors), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  /** URLs the firewall refuses (encoded slashes, path traversal, ...) get 400 in the envelope too. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(JsonErrorWriter errors) {
    return (request, response, rejected) -> errors.write(response, HttpServletResponse.SC_BAD_REQUEST, "path",
        "Request rejected: the URL contains characters or sequences that are not allowed");
  }

  @Bean
  JwtDecoder jwtDecoder(CallbillApiProperties properties) {
    return CallbillJwtDecoders.from(properties.jwt());
  }

  private static JwtAuthenticationConverter roleClaimConverter() {
    JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
    authorities.setAuthoritiesClaimName(ROLE_CLAIM);
    authorities.setAuthorityPrefix(Role.AUTHORITY_PREFIX);
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(authorities);
    return converter;
  }
}
